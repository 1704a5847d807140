import { jssdkSignature, wecomOAuthUrl } from './jssdk-signature';

describe('jssdkSignature', () => {
  // The worked example of WeCom's JS-SDK signature page (jsapi_ticket, noncestr, timestamp, url).
  const ticket = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';
  const expected = '0f9de62fce790f9a083d5c99e95740ceb90c27ed';

  it('matches WeCom’s documented example', () => {
    expect(jssdkSignature(ticket, 'Wm3WZYTPz0wzccnW', 1414587457, 'http://mp.weixin.qq.com?params=value')).toBe(expected);
  });

  it('ignores the fragment of the page URL and changes with every input', () => {
    expect(jssdkSignature(ticket, 'Wm3WZYTPz0wzccnW', 1414587457, 'http://mp.weixin.qq.com?params=value#/sidebar')).toBe(expected);
    expect(jssdkSignature(ticket, 'Wm3WZYTPz0wzccnX', 1414587457, 'http://mp.weixin.qq.com?params=value')).not.toBe(expected);
    expect(jssdkSignature(ticket, 'Wm3WZYTPz0wzccnW', 1414587458, 'http://mp.weixin.qq.com?params=value')).not.toBe(expected);
  });
});

describe('wecomOAuthUrl', () => {
  it('asks for a silent snsapi_base code for the app and ends with #wechat_redirect', () => {
    const url = new URL(wecomOAuthUrl('ww1234', '1000002', 'https://lodestar.example.com/sidebar/?x=1', 'abc'));
    expect(url.origin + url.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ appid: 'ww1234', redirect_uri: 'https://lodestar.example.com/sidebar/?x=1', response_type: 'code', scope: 'snsapi_base', state: 'abc', agentid: '1000002' });
    expect(url.hash).toBe('#wechat_redirect');
  });
});
