import { field, parseWecomXml } from './callback-xml';

/** The classic "billion laughs": ten levels of ten references, 10^9 "lol"s if expanded. */
function billionLaughs(doctype = 'DOCTYPE'): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!${doctype} xml [${levels.join('')}]><xml><ToUserName>&lol9;</ToUserName><Encrypt>&lol9;</Encrypt></xml>`;
}

describe('parseWecomXml against hostile XML', () => {
  it('refuses a billion-laughs document outright, without expanding it', () => {
    expect(parseWecomXml(billionLaughs())).toBeUndefined();
    expect(parseWecomXml(billionLaughs('doctype'))).toBeUndefined();
    expect(parseWecomXml(billionLaughs('DocType'))).toBeUndefined();
  });

  it('refuses external entities (XXE) and stray entity declarations', () => {
    expect(parseWecomXml('<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>')).toBeUndefined();
    expect(parseWecomXml('<xml><!ENTITY x "y"><Encrypt>a</Encrypt></xml>')).toBeUndefined();
  });

  it('leaves an undeclared entity reference as text: nothing is looked up or expanded', () => {
    const parsed = parseWecomXml('<xml><Encrypt>&lol9;</Encrypt></xml>');
    expect(parsed && field(parsed, 'Encrypt')).toBe('&lol9;');
  });

  it('refuses what is not one flat <xml> root, and bodies over a megabyte', () => {
    expect(parseWecomXml('')).toBeUndefined();
    expect(parseWecomXml('<xml>')).toBeUndefined();
    expect(parseWecomXml('<xml><A>1</A></xml><xml><A>2</A></xml>')).toBeUndefined();
    expect(parseWecomXml('not xml at all')).toBeUndefined();
    expect(parseWecomXml(`<xml><Encrypt>${'a'.repeat(1_000_001)}</Encrypt></xml>`)).toBeUndefined();
  });

  it('still reads the real envelope, CDATA included', () => {
    const parsed = parseWecomXml('<xml><ToUserName><![CDATA[ww1]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[abc+/=]]></Encrypt></xml>');
    expect(parsed && field(parsed, 'Encrypt')).toBe('abc+/=');
    expect(parsed && field(parsed, 'AgentID')).toBe('1000002');
  });
});
