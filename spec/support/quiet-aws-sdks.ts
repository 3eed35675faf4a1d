/**
 * Imported first by specs that load the AWS SDKs, so that the SDKs' notices do not interleave
 * with mocha's output: v2's end-of-support note (printed once, a tick after it loads) and v3's
 * warning about Node versions its future releases will drop. Both are the documented switches.
 */
process.env['AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE'] ??= '1';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export {};
