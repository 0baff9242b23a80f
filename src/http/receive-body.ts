/**
 * Receives a request body as bytes: at most `limit` of them after decompression (gzip, deflate
 * and br, as body-parser inflates), so neither a big upload nor a zip bomb gets into memory.
 * A direct stream read: on the hot path this is several times cheaper than body-parser's raw
 * parser, whose content-type checks and charset handling a byte reader does not need.
 *
 * Failures reject with a MockError only once the client has finished sending, so it reads the
 * answer instead of a reset connection: 413 over the limit, 415 for an unknown Content-Encoding,
 * 400 for corrupt compressed data.
 */
import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { errors, type MockError } from '../errors.js';

const decoderFor = (encoding: string): (() => Transform) | undefined => {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip;
    case 'deflate':
      return createInflate;
    case 'br':
      return createBrotliDecompress;
    default:
      return undefined;
  }
};

/** Undefined when the request has no body (no Content-Length, no Transfer-Encoding); else its bytes, maybe none. */
export const receiveBody = (req: IncomingMessage, limit: number): Promise<Buffer | undefined> => {
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return Promise.resolve(undefined);
  // Nothing reads the body before us; if something ever did, waiting for 'end' would hang the request.
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();

  return new Promise((resolve, reject) => {
    // Let the client finish sending (the rest is discarded), then answer with the error.
    const failAfterRequest = (error: MockError): void => {
      req.removeListener('data', onData);
      if (req.readableEnded || req.destroyed) return reject(error);
      req.once('end', () => reject(error));
      req.once('close', () => reject(error));
      req.resume();
    };

    if (encoding !== 'identity') {
      const decoder = decoderFor(encoding);
      if (!decoder) return failAfterRequest(errors.unsupportedEncoding(encoding));
      return inflate(req, decoder(), limit).then(resolve, (error: MockError) => failAfterRequest(error));
    }
    if (declared !== undefined && Number(declared) > limit) return failAfterRequest(errors.tooLarge(limit));

    const chunks: Buffer[] = [];
    let size = 0;
    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size > limit) return failAfterRequest(errors.tooLarge(limit));
      chunks.push(chunk);
    }
    // `on`, not `once`: each fires once per request anyway, and `once` allocates a wrapper per listener per request.
    req.on('data', onData);
    req.on('end', () => {
      if (size <= limit) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    // 'close' before 'end': the client went away mid-body (nobody is left to read the answer).
    req.on('close', () => {
      if (!req.readableEnded) reject(errors.serialization('The client aborted the request body'));
    });
    req.on('error', () => reject(errors.serialization('Could not read the request body')));
  });
};

const inflate = (req: IncomingMessage, decoder: Transform, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    decoder.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.unpipe(decoder);
        decoder.destroy();
        reject(errors.tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    decoder.once('end', () => resolve(Buffer.concat(chunks, size)));
    decoder.once('error', () => {
      req.unpipe(decoder);
      reject(errors.serialization('The request body is not valid compressed data'));
    });
    req.once('close', () => {
      if (!req.readableEnded) reject(errors.serialization('The client aborted the request body'));
    });
    req.pipe(decoder);
  });
