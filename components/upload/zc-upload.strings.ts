import type { Strings } from '../i18n.js';

/**
 * Chrome strings of zc-upload. `{name}` placeholders are filled in as text (never markup);
 * `{what}` is one of the `kind*` strings, `{max}` and `{size}` a size like "10 MB".
 */
export const strings = {
  en: {
    choose: 'Choose a file',
    chooseAnother: 'Choose another',
    hint: 'Choose or drop {what}, up to {max}.',
    kindAny: 'an image or a PDF',
    kindImage: 'an image',
    kindPdf: 'a PDF',
    wrongType: 'This file is a {ext}. Choose {what}.',
    tooBig: 'This file is {size}; the limit is {max}.',
    empty: 'This file is empty. Choose another.',
    send: 'Send',
    sending: 'Sending {name}…',
    uploaded: 'Uploaded.',
    failed: "The upload didn't go through. Try again.",
  },
  'zh-CN': {
    choose: '选择文件',
    chooseAnother: '换一个文件',
    hint: '选择或拖放{what}，不超过 {max}。',
    kindAny: '图片或 PDF',
    kindImage: '图片',
    kindPdf: 'PDF',
    wrongType: '此文件是 {ext} 格式。请选择{what}。',
    tooBig: '此文件大小为 {size}，上限为 {max}。',
    empty: '此文件是空的。请换一个文件。',
    send: '发送',
    sending: '正在发送 {name}…',
    uploaded: '已上传。',
    failed: '上传未成功，请重试。',
  },
} satisfies Strings<string>;

/** The key of a zc-upload chrome string. */
export type UploadKey = keyof typeof strings.en;
