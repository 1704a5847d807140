import type { EvaluationRow, EvaluationSnapshot } from '@lodestar/shared';

export const evaluationCsvHeader = ['metric', 'name', 'team', 'value', 'target', 'completion', 'expected', 'deviation', 'off_track'] as const;

/** What the team column says for the rows of the whole corp. */
export const wholeCorpLabel = 'Whole corp';

/** A byte-order mark first, so Excel reads the file as UTF-8 (Chinese names would be garbled otherwise). */
const BOM = '\uFEFF';

/**
 * A text cell that a spreadsheet would run as a formula (= + - @, or a tab or carriage return that
 * some of them strip first) is prefixed with a single quote, so it shows as the text it is.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a quote, comma or line break goes in quotes, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numbers are written as they are (a number is never a formula), an absent one as an empty cell. */
const numberCell = (n: number | null): string => (n === null ? '' : String(n));
const textCell = (s: string): string => csvField(defuseFormula(s));

function line(row: EvaluationRow, teamName: (teamId: string) => string): string {
  return [
    textCell(row.metric),
    textCell(row.name),
    textCell(row.teamId === null ? wholeCorpLabel : teamName(row.teamId)),
    numberCell(row.value),
    numberCell(row.target),
    numberCell(row.completion),
    numberCell(row.expected),
    numberCell(row.deviation),
    row.offTrack ? 'yes' : 'no',
  ].join(',');
}

/** A snapshot as CSV text (RFC 4180, CRLF line ends, UTF-8 with BOM): a header row, then one line per row. */
export function evaluationCsv(snapshot: Pick<EvaluationSnapshot, 'rows'>, teamName: (teamId: string) => string): string {
  const lines = [evaluationCsvHeader.join(','), ...snapshot.rows.map((r) => line(r, teamName))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
