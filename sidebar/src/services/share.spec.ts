import { absoluteUrl, shareMessage } from './share';
import { ticketCode } from './attendance';
import { coverBoundsFromError, proposalPage } from './proposals';

describe('sharing from the sidebar', () => {
  const item = { title: '安心重疾险', summary: '确诊即赔', page: 'pages/product/index?id=p1&inviter=s1', url: '/mp/#/pages/product/index?id=p1&inviter=s1' };

  it('sends a mini-program card when the appid is known, else the H5 link made absolute', () => {
    expect(shareMessage(item, 'wx123')).toEqual({ msgtype: 'miniprogram', miniprogram: { appid: 'wx123', title: '安心重疾险', imgUrl: '', page: item.page } });
    expect(shareMessage(item, null, 'https://lodestar.example')).toEqual({
      msgtype: 'news',
      news: { link: 'https://lodestar.example/mp/#/pages/product/index?id=p1&inviter=s1', title: '安心重疾险', desc: '确诊即赔', imgUrl: '' },
    });
    expect(absoluteUrl('/mp/#/x', 'http://a:1')).toBe('http://a:1/mp/#/x');
  });

  it('reads ticket codes, proposal pages and cover bounds', () => {
    expect(ticketCode(' lodestar:ticket:AB12 ')).toBe('AB12');
    expect(ticketCode('AB12')).toBe('AB12');
    expect(ticketCode('  ')).toBeNull();
    expect(proposalPage('p 1')).toBe('pages/proposal/index?id=p%201');
    expect(coverBoundsFromError('items: 百万医疗险 covers 2000000–6000000')).toEqual({ min: 2000000, max: 6000000 });
    expect(coverBoundsFromError('nope')).toBeNull();
  });
});
