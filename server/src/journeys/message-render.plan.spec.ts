import { renderMessage, renderText } from './message-render.plan';

const vars = { name: '王小明', agent: '李顾问', city: '上海', journey: '奋斗青年' };

describe('renderText', () => {
  it('fills known placeholders, spaces allowed, and leaves unknown ones as written', () => {
    expect(renderText('{{name}}您好，我是{{ agent }}，{{city}}见！{{unknown}}', vars)).toBe('王小明您好，我是李顾问，上海见！{{unknown}}');
  });
});

describe('renderMessage', () => {
  it('fills template data values and texts, leaving ids and links alone', () => {
    expect(renderMessage({ channel: 'mp_subscribe', templateId: 'T{{name}}', data: { thing1: '{{name}}的打卡提醒' } }, vars)).toEqual({
      channel: 'mp_subscribe',
      templateId: 'T{{name}}',
      data: { thing1: '王小明的打卡提醒' },
    });
    expect(renderMessage({ channel: 'sms', template: 'SMS_1', text: '{{name}}，{{journey}}活动邀请' }, vars)).toMatchObject({ text: '王小明，奋斗青年活动邀请' });
  });
});
