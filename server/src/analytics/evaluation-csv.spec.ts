import type { EvaluationRow } from '@lodestar/shared';
import { csvField, defuseFormula, evaluationCsv } from './evaluation-csv';

const row = (over: Partial<EvaluationRow>): EvaluationRow => ({
  metric: 'call_connect_rate',
  name: '通话接通率',
  unit: 'ratio',
  teamId: null,
  value: 0.28,
  target: 0.35,
  better: 'higher',
  completion: 0.8,
  expected: 1,
  deviation: -0.07,
  offTrack: true,
  ...over,
});

describe('evaluationCsv', () => {
  it('writes a BOM, a header and one CRLF line per row, numbers as they are and blanks for nulls', () => {
    const text = evaluationCsv({ rows: [row({}), row({ metric: 'sop_completion', name: 'SOP 完成率', teamId: 't1', value: null, completion: null, deviation: null, offTrack: false })] }, (id) => (id === 't1' ? '一组' : id));
    expect(text).toBe(
      '\uFEFFmetric,name,team,value,target,completion,expected,deviation,off_track\r\n' +
        'call_connect_rate,通话接通率,Whole corp,0.28,0.35,0.8,1,-0.07,yes\r\n' +
        'sop_completion,SOP 完成率,一组,,0.35,,1,,no\r\n',
    );
  });

  it('quotes commas, quotes and line breaks, and defuses text that a spreadsheet would run', () => {
    const text = evaluationCsv({ rows: [row({ teamId: 'x' })] }, () => '=HYPERLINK("http://evil","点我"), 二组\n');
    expect(text.split('\r\n')[1]).toBe('call_connect_rate,通话接通率,"\'=HYPERLINK(""http://evil"",""点我""), 二组\n",0.28,0.35,0.8,1,-0.07,yes');
  });
});

describe('cells', () => {
  it('prefixes = + - @ tab and CR with a quote, and leaves other text alone', () => {
    expect(['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx', '一组', 'a=b'].map(defuseFormula)).toEqual(["'=1+1", "'+86", "'-2", "'@SUM(A1)", "'\tx", "'\rx", '一组', 'a=b']);
  });

  it('quotes only what needs it', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('two\nlines'), csvField('cr\r')]).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r"']);
  });
});
