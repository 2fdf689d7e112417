/**
 * Waits for a component's entrance animations to finish, so that assertions about what the
 * user finally sees (colour contrast above all) do not sample a half-faded frame.
 */
export async function settle(el: HTMLElement & { updateComplete: Promise<boolean> }): Promise<void> {
  await el.updateComplete;
  await Promise.all((el.shadowRoot?.getAnimations() ?? []).map((a) => a.finished));
}
