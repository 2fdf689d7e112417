import { html, nothing } from 'lit';
import type { CSSResultGroup, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { UploadSpec } from '../../src/pack/types.js';
import { ZcElement } from '../base/zc-element.js';
import { isSafeHref } from '../format.js';
import type { Vars } from '../i18n.js';
import { strings } from './zc-upload.strings.js';
import type { UploadKey } from './zc-upload.strings.js';
import { styles } from './zc-upload.styles.js';

type Kind = 'image' | 'pdf';

const MB = 1048576;
// The extensions that name a kind. SVG is left out on purpose: it is a document that can carry
// script, not a photo of a receipt. HEIC is in: it is what iPhones take.
const IMAGE_EXT = /^(png|jpe?g|gif|webp|avif|bmp|hei[cf])$/;

/** "14.2 MB", rounded up so that a file just over the limit never reads as the limit itself. */
const size = (n: number): string => (n < MB ? `${Math.ceil(n / 1024)} KB` : `${Math.ceil(n / (MB / 10)) / 10} MB`);

/**
 * @summary Evidence upload: choose or drop an image or a PDF, see what is wrong with it or a
 * preview, send it with progress, and try again if sending fails.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown`; `engaged` each time a file is
 * chosen or dropped; `uploaded` once the file was accepted (with the record id when a record was
 * picked); `helpful` / `unhelpful`, asked only after the upload; `dismissed`; `dont-show-again`.
 * A failed upload reports nothing: the user can try again, and no outcome kind means "failed".
 *
 * @csspart surface - The component's box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart zone - The drop zone around the hint or preview and the controls.
 * @csspart preview - The chosen file: a thumbnail for an image, its name and size for a PDF.
 * @csspart progress - The progress bar while sending.
 * @csspart error - What is wrong with the file, or with the upload.
 * @csspart dismiss - The × button.
 * @csspart feedback - The "Did this help?" row, later the thank-you.
 * @csspart dont-show - The "Don't show this again" button.
 * @csspart button - Every button and the file chooser; Send and Try again also have part
 * `primary`, the chooser (a label styled as a button) also `choose`.
 */
export class ZcUpload extends ZcElement {
  static override styles: CSSResultGroup = [ZcElement.styles, styles];

  /** Where the file goes (a host action or an endpoint), which kinds it may be, and how big. */
  @property({ attribute: false }) upload: UploadSpec = {};

  /** '' while choosing (a `_file` means one is chosen and passed the checks). */
  @state() private _phase: '' | 'sending' | 'failed' | 'done' = '';
  @state() private _file: File | undefined;
  @state() private _error = '';
  @state() private _fraction: number | undefined;

  private _url = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._revoke();
  }

  protected override askFeedback(): boolean {
    return this._phase === 'done';
  }

  protected override render(): TemplateResult {
    const { _phase: phase, _file: file, _error: error } = this;
    // The chooser stays one element from choosing to chosen, so focus on it survives a choice.
    const zone = html`<div part="zone" class="zone" @dragover=${this._onDrag} @dragleave=${this._onDrag} @drop=${this._onDrag}>
      ${file ? this._preview(file) : html`<p class="hint" id="hint">${this._s('hint', { what: this._what(), max: size(this._max()) })}</p>`}
      ${phase === 'sending'
        ? html`<label for="progress">${this._s('sending', { name: file?.name ?? '' })}</label><progress part="progress" id="progress" value=${this._fraction ?? nothing}></progress>`
        : html`<div class="row">
            ${file ? this.button(this.t(phase === 'failed' ? 'retry' : 'send', strings), this._send, true) : nothing}
            <input id="file" class="sr" type="file" accept=${this._kinds().map((k) => (k === 'pdf' ? 'application/pdf,.pdf' : 'image/*')).join()}
              aria-describedby=${error ? 'error' : file ? nothing : 'hint'} @change=${this._onChange} />
            <label part="button choose" class="btn" for="file">${this._s(file ? 'chooseAnother' : 'choose')}</label>
          </div>`}
    </div>`;
    return this.frame(html`${phase === 'done' ? html`<p class="ok">${this._s('uploaded')}</p>` : zone}
      ${error ? html`<p part="error" class="error" id="error">${error}</p>` : nothing}`);
  }

  private _preview(file: File): TemplateResult {
    // It passed the checks: a PDF by its type or its name, else an image. The URL is made here,
    // lazily, so that a surface moved in the page (a disconnect, which revokes it) makes another.
    return file.type.endsWith('pdf') || /\.pdf$/i.test(file.name)
      ? html`<p part="preview">${file.name} <span class="size">${size(file.size)}</span></p>`
      : html`<img part="preview" src=${(this._url ||= URL.createObjectURL(file))} alt=${file.name} />`;
  }

  /** A chrome string with its `{placeholders}` filled in; Lit binds the result as text. */
  private _s(key: UploadKey, vars?: Vars): string {
    return this.t(key, strings, vars);
  }

  private _kinds(): readonly Kind[] {
    return this.upload.accept?.length ? this.upload.accept : ['image', 'pdf'];
  }

  private _what(): string {
    const [first, second] = this._kinds();
    return this._s(second ? 'kindAny' : first === 'pdf' ? 'kindPdf' : 'kindImage');
  }

  private _max(): number {
    return this.upload.maxBytes ?? 10 * MB;
  }

  /** What is wrong with `file`, in words, or '' when it may be sent. */
  private _check(file: File): string {
    const ext = /\.(\w+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
    // A PDF often arrives with no type, or a generic one: then its name decides.
    const type = file.type === 'application/octet-stream' ? '' : file.type;
    const byExt = ext === 'pdf' ? 'pdf' : IMAGE_EXT.test(ext) ? 'image' : undefined;
    const kind = type ? (type === 'application/pdf' ? 'pdf' : type.startsWith('image/') ? 'image' : undefined) : byExt;
    // Where both type and name say something they must agree: "invoice.pdf" typed as an image is neither.
    if (!kind || (ext && byExt !== kind) || !this._kinds().includes(kind)) return this._s('wrongType', { ext: ext ? `.${ext}` : type || '?', what: this._what() });
    if (!file.size) return this._s('empty');
    return file.size > this._max() ? this._s('tooBig', { size: size(file.size), max: size(this._max()) }) : '';
  }

  private _choose(file: File): void {
    this.emitOutcome('engaged');
    const error = this._check(file);
    // A rejected file replaces the one shown before: the message is about what is on screen.
    this._revoke();
    this._file = error ? undefined : file;
    this._phase = '';
    this._error = error;
    this.status = error || `${file.name}, ${size(file.size)}`;
    if (!error) this.keepFocus(() => this.renderRoot.querySelector<HTMLElement>('.primary'));
  }

  private _send = async (): Promise<void> => {
    const file = this._file;
    // Two clicks can land before the render that removes the button.
    if (!file || this._phase === 'sending') return;
    const { via, endpoint = '' } = this.upload;
    // The pressed button goes away while sending; keep focus inside (on ×) if it was there.
    this.keepFocus(() => null);
    this._phase = 'sending';
    this._fraction = undefined;
    this._error = '';
    this.status = this._s('sending', { name: file.name });
    try {
      if (via) await this.host.run(via, { rule: this.rule, record: this.record, file, progress: (f) => (this._fraction = f), signal: this.signal });
      // An endpoint that is not http(s) or relative is never called: the upload just fails.
      else if (isSafeHref(endpoint)) await this._post(endpoint, file);
      else throw new Error('no safe endpoint');
      this._phase = 'done';
      this.status = this._s('uploaded');
      this.emitOutcome('uploaded');
    } catch {
      this._phase = 'failed';
      this._error = this.status = this._s('failed');
      this.keepFocus(() => this.renderRoot.querySelector<HTMLElement>('.primary'));
    }
  };

  /** POSTs `file` as multipart/form-data: XMLHttpRequest, because only it reports upload progress. */
  private _post(url: string, file: File): Promise<void> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const form = new FormData();
      form.append('file', file);
      if (this.rule) form.append('rule', this.rule);
      if (this.record) form.append('record', this.record.id);
      xhr.upload.onprogress = (e) => e.lengthComputable && (this._fraction = e.loaded / e.total);
      // loadend follows load, error and abort alike; status is 0 for the last two.
      xhr.onloadend = () => (xhr.status > 199 && xhr.status < 300 ? resolve() : reject(new Error(`HTTP ${xhr.status}`)));
      this.signal.addEventListener('abort', () => xhr.abort());
      xhr.open('POST', url);
      xhr.send(form);
    });
  }

  private _onChange = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again still gets an answer.
    input.value = '';
    if (file) this._choose(file);
  };

  private _onDrag = (e: DragEvent): void => {
    if (this._phase === 'sending') return;
    // Outside Lit's bindings (the class attribute is static), so a re-render leaves it alone.
    (e.currentTarget as HTMLElement).classList.toggle('over', e.type === 'dragover');
    // Accepting dragover is what makes drop fire; accepting drop keeps the browser from opening the file.
    if (e.type === 'dragleave') return;
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (e.type === 'drop' && file) this._choose(file);
  };

  private _revoke(): void {
    if (this._url) URL.revokeObjectURL(this._url);
    this._url = '';
  }
}
