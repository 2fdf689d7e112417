import type { Strings } from '../i18n.js';

const en = {
  /** The list's accessible name when the solution has no heading. */
  pickerLabel: 'Choose a record',
  pickerEmpty: 'No records to choose from',
  pickerFailed: "Couldn't load the list",
  pickerSelected: 'Selected: {label}',
};

/** zc-picker's own chrome strings (the pack may override each as `zc.<key>`). */
export const strings = {
  en,
  'zh-CN': {
    pickerLabel: '选择一条记录',
    pickerEmpty: '没有可选择的记录',
    pickerFailed: '无法加载列表',
    pickerSelected: '已选择：{label}',
  },
} satisfies Strings<keyof typeof en>;
