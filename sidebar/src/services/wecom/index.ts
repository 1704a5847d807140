import { now } from '../clock';
import { FakeWecomBridge } from './fake.adapter';
import type { WecomBridge } from './wecom.port';

export * from './wecom.port';
export { FakeWecomBridge } from './fake.adapter';

/** Inside WeCom (its user agent says wxwork) the real JS-SDK, unless ?fake=1; the browser fake elsewhere. */
export function insideWecom(userAgent: string = navigator.userAgent, search: string = location.search): boolean {
  return /wxwork/i.test(userAgent) && new URLSearchParams(search).get('fake') !== '1';
}

/** The bridge for this page; the real JS-SDK is loaded only inside WeCom. */
export async function createWecomBridge(toast: (text: string) => void): Promise<WecomBridge> {
  if (!insideWecom()) return new FakeWecomBridge(toast, now);
  const { JssdkBridge } = await import('./jssdk.adapter');
  return new JssdkBridge();
}
