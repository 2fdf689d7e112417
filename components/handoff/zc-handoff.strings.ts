import type { Strings } from '../i18n.js';

/**
 * zc-handoff's chrome strings. `chat`, `callback` and `ticket` label the send button, `…Sent`
 * confirm by channel; `{n}` and `{ref}` are filled in at render time.
 */
export const strings = {
  en: {
    chat: 'Chat with an agent',
    callback: 'Request a call back',
    ticket: 'Send to support',
    shareTitle: "What we'll share with the agent",
    shareProblems: 'Problems you ran into: {n}',
    sharePages: 'Pages you visited: {n}',
    shareNotTyped: 'Nothing you typed is shared.',
    sending: 'Sending…',
    handoffFailed: "Sorry, we couldn't reach support.",
    chatSent: 'An agent will join you shortly.',
    callbackSent: 'An agent will call you back.',
    ticketSent: 'Your request was sent to support.',
    handoffRef: 'Your reference is {ref}.',
    openChat: 'Open the chat',
    newTab: '(opens in a new tab)',
  },
  'zh-CN': {
    chat: '与客服聊天',
    callback: '请求回电',
    ticket: '提交给客服',
    shareTitle: '将分享给客服的内容',
    shareProblems: '遇到的问题：{n} 个',
    sharePages: '访问过的页面：{n} 个',
    shareNotTyped: '不会分享您输入的内容。',
    sending: '发送中…',
    handoffFailed: '抱歉，无法联系客服。',
    chatSent: '客服马上就来。',
    callbackSent: '客服会给您回电。',
    ticketSent: '已提交给客服。',
    handoffRef: '您的编号是 {ref}。',
    openChat: '打开聊天',
    newTab: '（新窗口）',
  },
} satisfies Strings<string>;
