import { XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
});

/**
 * Parses WeCom's flat `<xml>…</xml>` into string fields. Anything with a DOCTYPE or an ENTITY is
 * refused before parsing, so entity expansion ("billion laughs") and external entities cannot happen.
 * Returns undefined for anything that is not well-formed WeCom XML.
 */
export function parseWecomXml(text: string): Record<string, unknown> | undefined {
  if (text.length === 0 || text.length > 1_000_000 || /<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  if (XMLValidator.validate(text) !== true) return undefined;
  const parsed = parser.parse(text) as { xml?: unknown };
  const root = parsed.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) return undefined;
  return root as Record<string, unknown>;
}

/** Reads one field as a string ('' when absent or not text). */
export function field(xml: Record<string, unknown>, name: string): string {
  const v = xml[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
