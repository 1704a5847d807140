import { contactSecrets, int, obj, required, str, strs, page, type FakeEndpoint } from './wecom-fake.endpoint';
import { fakeId, refuse, type FakeAcquisitionLink, type FakeContactWay, type FakeTenantData } from './wecom-fake.state';

const day = 24 * 3600;

/** "Contact me" QR codes (联系我), acquisition links (获客助手) and welcome messages. */
export class FakeAcquisition {
  constructor(private readonly d: FakeTenantData) {}

  addContactWay(req: { type: number; scene: number; user: string[]; state: string; skipVerify: boolean; remark: string }): FakeContactWay {
    if (req.user.length === 0) refuse(40058, 'user is required');
    for (const u of req.user) this.d.activeStaff(u);
    if (req.type === 1 && req.user.length > 1) refuse(40058, 'a single-agent contact way takes one user');
    if (req.state.length > 30) refuse(40058, 'state exceeds 30 characters');
    if (req.remark.length > 30) refuse(40058, 'remark exceeds 30 characters');
    const configId = fakeId('', 32).toLowerCase();
    const way: FakeContactWay = { configId, ...req, qrCode: `https://sandbox.lodestar.local/qr/${configId}.png`, createTime: this.d.seconds() };
    this.d.contactWays.set(configId, way);
    return way;
  }

  contactWay(configId: string): FakeContactWay {
    return this.d.contactWays.get(configId) ?? refuse(41044, `invalid config_id: ${configId}`);
  }

  updateContactWay(configId: string, patch: { user?: string[]; state?: string; remark?: string; skipVerify?: boolean }): void {
    const way = this.contactWay(configId);
    if (patch.user) {
      if (patch.user.length === 0) refuse(40058, 'user must not be empty');
      for (const u of patch.user) this.d.activeStaff(u);
      way.user = patch.user;
    }
    if (patch.state !== undefined) {
      if (patch.state.length > 30) refuse(40058, 'state exceeds 30 characters');
      way.state = patch.state;
    }
    if (patch.remark !== undefined) way.remark = patch.remark;
    if (patch.skipVerify !== undefined) way.skipVerify = patch.skipVerify;
  }

  deleteContactWay(configId: string): void {
    this.contactWay(configId);
    this.d.contactWays.delete(configId);
  }

  /** Config ids created in [start, end] (seconds; by default the last 90 days), oldest first. */
  contactWaysCreated(start: number, end: number): string[] {
    return [...this.d.contactWays.values()]
      .filter((w) => w.createTime >= start && w.createTime <= end)
      .sort((a, b) => a.createTime - b.createTime || a.configId.localeCompare(b.configId))
      .map((w) => w.configId);
  }

  createLink(req: { name: string; users: string[]; skipVerify: boolean }): FakeAcquisitionLink {
    if (!req.name || req.name.length > 30) refuse(40058, 'link_name must be 1 to 30 characters');
    if (req.users.length === 0) refuse(40058, 'range.user_list is required');
    for (const u of req.users) this.d.activeStaff(u);
    const linkId = fakeId('cawcde', 24);
    const link: FakeAcquisitionLink = { linkId, name: req.name, url: `https://work.weixin.qq.com/ca/${linkId}`, users: req.users, skipVerify: req.skipVerify, createTime: this.d.seconds() };
    this.d.links.set(linkId, link);
    return link;
  }

  /** Uses a welcome code once; a second use is 41051. */
  useWelcomeCode(code: string): void {
    if (!code) refuse(41050, 'welcome_code missing');
    if (this.d.welcomed.has(code)) refuse(41051, 'welcome msg already sent');
    this.d.welcomed.add(code);
  }
}

const wxWay = (w: FakeContactWay) => ({
  config_id: w.configId,
  type: w.type,
  scene: w.scene,
  style: 1,
  remark: w.remark,
  skip_verify: w.skipVerify,
  state: w.state,
  qr_code: w.qrCode,
  user: w.user,
  party: [],
  is_temp: false,
});

/** The acquisition family's endpoints; `welcomed` records a sent welcome message (the outbox). */
export function acquisitionEndpoints(d: FakeTenantData, a: FakeAcquisition, welcomed: (code: string, content: Record<string, unknown>) => Promise<void>): FakeEndpoint[] {
  const ec = '/externalcontact';
  return [
    {
      method: 'post',
      path: `${ec}/add_contact_way`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const user = strs(body, 'user');
        const way = a.addContactWay({
          type: int(body, 'type', user.length > 1 ? 2 : 1),
          scene: int(body, 'scene', 2),
          user,
          state: str(body, 'state'),
          skipVerify: body.skip_verify === undefined ? true : body.skip_verify === true,
          remark: str(body, 'remark'),
        });
        return { config_id: way.configId, ...(way.scene === 2 ? { qr_code: way.qrCode } : {}) };
      },
    },
    {
      method: 'post',
      path: `${ec}/update_contact_way`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        a.updateContactWay(required(body, 'config_id'), {
          ...(Array.isArray(body.user) ? { user: strs(body, 'user') } : {}),
          ...(typeof body.state === 'string' ? { state: body.state } : {}),
          ...(typeof body.remark === 'string' ? { remark: body.remark } : {}),
          ...(typeof body.skip_verify === 'boolean' ? { skipVerify: body.skip_verify } : {}),
        });
        return {};
      },
    },
    { method: 'post', path: `${ec}/get_contact_way`, secrets: contactSecrets, handle: ({ body }) => ({ contact_way: wxWay(a.contactWay(required(body, 'config_id'))) }) },
    {
      method: 'post',
      path: `${ec}/del_contact_way`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        a.deleteContactWay(required(body, 'config_id'));
        return {};
      },
    },
    {
      method: 'post',
      path: `${ec}/list_contact_way`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const now = d.seconds();
        const limit = int(body, 'limit', 100);
        if (limit < 1 || limit > 1000) refuse(40058, 'limit must be 1 to 1000');
        const ids = a.contactWaysCreated(int(body, 'start_time', now - 90 * day), int(body, 'end_time', now));
        const { items, next_cursor } = page(ids, str(body, 'cursor'), limit);
        return { contact_way: items.map((config_id) => ({ config_id })), next_cursor };
      },
    },
    {
      method: 'post',
      path: `${ec}/customer_acquisition/create_link`,
      secrets: contactSecrets,
      handle: ({ body }) => {
        const link = a.createLink({ name: str(body, 'link_name'), users: strs(obj(body, 'range'), 'user_list'), skipVerify: body.skip_verify !== false });
        return { link: { link_id: link.linkId, link_name: link.name, url: link.url, create_time: link.createTime } };
      },
    },
    {
      method: 'post',
      path: `${ec}/send_welcome_msg`,
      secrets: contactSecrets,
      handle: async ({ body }) => {
        const code = str(body, 'welcome_code');
        a.useWelcomeCode(code);
        await welcomed(code, body);
        return {};
      },
    },
  ];
}
