import { journeyDefinitionSchema, type JourneyDefinition, type JourneyStep } from '@lodestar/shared';
import type { JourneyRepository } from './journey.repository';

/** A published version, parsed once: versions never change, so they are cached for the process's life. */
export interface LoadedVersion {
  id: string;
  corpId: string;
  journeyId: string;
  version: number;
  definition: JourneyDefinition;
  steps: ReadonlyMap<string, JourneyStep>;
}

export class VersionCache {
  private readonly cache = new Map<string, LoadedVersion>();
  constructor(private readonly repo: JourneyRepository) {}

  async get(versionId: string): Promise<LoadedVersion | null> {
    const hit = this.cache.get(versionId);
    if (hit) return hit;
    const row = await this.repo.version(versionId);
    if (!row) return null;
    const definition = journeyDefinitionSchema.parse(JSON.parse(row.definition));
    const loaded: LoadedVersion = {
      id: row.id,
      corpId: row.corpId,
      journeyId: row.journeyId,
      version: row.version,
      definition,
      steps: new Map(definition.steps.map((s) => [s.id, s])),
    };
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(versionId, loaded);
    return loaded;
  }
}
