import type { JourneyMessage } from '@lodestar/shared';

/** What a message's {{placeholders}} may name. */
export interface MessageVars {
  name: string;
  agent: string;
  city: string;
  journey: string;
}

const placeholder = /\{\{\s*(name|agent|city|journey)\s*\}\}/g;

/** Fills {{name}}, {{agent}}, {{city}} and {{journey}}; unknown placeholders stay as written (the validator's job). */
export function renderText(text: string, vars: MessageVars): string {
  return text.replace(placeholder, (_, key: keyof MessageVars) => vars[key]);
}

const renderData = (data: Record<string, string>, vars: MessageVars): Record<string, string> => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, renderText(v, vars)]));

/** The message with every text field filled for one customer. */
export function renderMessage(message: JourneyMessage, vars: MessageVars): JourneyMessage {
  switch (message.channel) {
    case 'mp_subscribe':
    case 'oa_template':
      return { ...message, data: renderData(message.data, vars) };
    case 'sms':
    case 'wecom_task':
    case 'wecom_mass':
      return { ...message, text: renderText(message.text, vars) };
    default: {
      const unknown: never = message;
      throw new Error(`unknown channel ${(unknown as { channel: string }).channel}`);
    }
  }
}
