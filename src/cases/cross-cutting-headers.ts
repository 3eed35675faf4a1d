/** Header lines the cross-cutting case modules build their requests from. */
import type { HeaderLine } from './model.js';

export const UNAUTHORIZED = 'RFC 9110 §15.5.2';

export const sessionKey = (value: string): HeaderLine => ['X-v3io-session-key', value];
export const authorization = (value: string): HeaderLine => ['Authorization', value];
export const sigv4 = (key: string): HeaderLine =>
  authorization(
    `AWS4-HMAC-SHA256 Credential=${key}/20240115/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, ` +
      'Signature=9c1f4e2a7b3d5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a',
  );
export const sigv2 = (key: string): HeaderLine => authorization(`AWS ${key}:Vb3bM1v6sB5rT0k2Yq9xWn4hJcE=`);

export const VALID_BASIC = authorization('Basic {{basicToken}}');
export const WRONG_BASIC = authorization('Basic {{wrongPasswordToken}}');
