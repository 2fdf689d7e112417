import type { Strings } from '../i18n.js';

/** Chrome strings of zc-steps; `{n}` and `{total}` in `progress` are numbers; `colon` joins it to the step's text in announcements. */
export const strings = {
  en: {
    progress: 'Step {n} of {total}',
    colon: ': ',
    next: 'Next',
    back: 'Back',
    done: 'Done',
    goTo: 'Go to the page',
    missing: "Can't find this control on the page.",
    finished: 'All steps done.',
  },
  'zh-CN': {
    progress: '第 {n} 步，共 {total} 步',
    colon: '：',
    next: '下一步',
    back: '上一步',
    done: '完成',
    goTo: '前往该页面',
    missing: '在此页面上找不到该控件。',
    finished: '所有步骤已完成。',
  },
} satisfies Strings<'progress' | 'colon' | 'next' | 'back' | 'done' | 'goTo' | 'missing' | 'finished'>;
