import type { Strings } from '../i18n.js';

const en = {
  actionConfirm: 'Confirm',
  actionWorking: 'Working…',
  /** Said on success when the solution has no `success` text of its own. */
  actionDone: 'Done.',
  actionFailed: "That didn't work.",
};

/** zc-action's own chrome strings (the pack may override each as `zc.<key>`). */
export const strings = {
  en,
  'zh-CN': {
    actionConfirm: '确认',
    actionWorking: '处理中…',
    actionDone: '已完成。',
    actionFailed: '操作未成功。',
  },
} satisfies Strings<keyof typeof en>;
