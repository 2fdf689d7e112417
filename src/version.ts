/** The SDK version, checked against a pack's `sdk` range. Kept equal to package.json by a test. */
export const SDK_VERSION = '0.1.0';
