import type { JourneyDefinitionInput, SegmentRule } from '@lodestar/shared';
import { newWealthyTemplate } from './new-wealthy.template';
import { youngStriversTemplate } from './young-strivers.template';

/**
 * A journey that ships with the product, as plain data: the two journeys of the product brief
 * (docs/PRODUCT.md, "Two journeys the product must run as written"). Installing one
 * (journey-template.service.ts) creates its segments, then the journey as a draft that operations
 * staff review, adjust (dates, addresses, template ids) and publish.
 */
export interface JourneyTemplate {
  key: 'young_strivers' | 'new_wealthy';
  /** What the console lists, e.g. '奋斗青年 (young strivers)'. */
  name: string;
  description: string;
  /**
   * Segments the template needs, created by name when the template is installed (an existing
   * segment of the same name is reused). The definition refers to them as `segment:<key>` in
   * trigger.segmentId or a rule's segmentId; the installer replaces every string of that form with
   * the real id, so no other string in a definition may start with `segment:`.
   */
  segments: Array<{ key: string; name: string; description: string; rule: SegmentRule }>;
  definition: JourneyDefinitionInput;
}

/** The prefix of a template's reference to one of its own segments. */
export const templateSegmentPrefix = 'segment:';

export const journeyTemplates: readonly JourneyTemplate[] = [youngStriversTemplate, newWealthyTemplate];
