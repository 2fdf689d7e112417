/** Attribute a page puts on any element to keep the SDK from seeing it and its descendants. */
export const IGNORE_ATTR = 'data-zc-ignore';

/** Marks elements the SDK mounted; what happens on our own surfaces is not the host's friction. */
export const SURFACE_ATTR = 'data-zc-surface';
