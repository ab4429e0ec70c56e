/**
 * The failure converter of an encrypting worker and client, loaded by path
 * (`DataConverter.failureConverterPath`): the SDK `require()`s it in the worker and client, and
 * bundles it into the workflow sandbox. Plain CommonJS on purpose: Node 20's `require` cannot
 * load TypeScript or this package's ESM `.js` files, and vitest does not hook it.
 *
 * `encodeCommonAttributes` moves every failure's message and stack trace into an encoded
 * payload, so the payload codec encrypts them: an SMTP refusal names the recipient's address,
 * and failure messages are otherwise stored in clear text in the history.
 *
 * Sandbox-safe: requires only `@temporalio/common`.
 *
 * @module
 */
'use strict';
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
