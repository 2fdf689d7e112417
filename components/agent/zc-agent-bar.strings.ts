import type { Strings } from '../i18n.js';

const en = {
  region: 'Sharing with support',
  connecting: 'Getting a code for your support agent…',
  codeIntro: 'Your code for the support agent',
  codeUntil: 'Read it out on the phone or in the chat. It works until {time}.',
  /** What the live region says while the code is shown. */
  codeSaid: 'Your code for the support agent: {code}. {until}',
  paired: '{agent} from support is connected and may show you help on this page.',
  pairedNoName: 'Your support agent is connected and may show you help on this page.',
  end: 'End sharing',
  endedByUser: 'You ended sharing with support.',
  endedByAgent: 'Your support agent ended the shared session.',
  endedByRelay: 'The shared session has ended.',
  expired: 'The shared session timed out.',
  codeExpired: 'The code expired before an agent used it.',
  renew: 'Get a new code',
  failed: 'A code for your support agent could not be made right now.',
  close: 'Close',
  /** The question a remedy the agent pushed asks before it runs, when the agent gave none. */
  confirmPush: 'Your support agent suggests this. Go ahead?',
};

/** The agent bar's strings, and the confirmation pushed remedies ask. */
export const strings = {
  en,
  'zh-CN': {
    region: '与客服共享',
    connecting: '正在为您获取客服验证码…',
    codeIntro: '您的客服验证码',
    codeUntil: '请在电话或聊天中告诉客服。有效期至 {time}。',
    codeSaid: '您的客服验证码：{code}。{until}',
    paired: '客服 {agent} 已连接，可以在此页面为您展示帮助。',
    pairedNoName: '客服已连接，可以在此页面为您展示帮助。',
    end: '结束共享',
    endedByUser: '您已结束与客服的共享。',
    endedByAgent: '客服已结束共享会话。',
    endedByRelay: '共享会话已结束。',
    expired: '共享会话已超时。',
    codeExpired: '验证码在客服使用前已过期。',
    renew: '获取新验证码',
    failed: '暂时无法获取客服验证码。',
    close: '关闭',
    confirmPush: '这是客服为您建议的操作。要继续吗？',
  },
} satisfies Strings<keyof typeof en>;

/** A key of the bar's strings. */
export type AgentBarKey = keyof typeof en;
