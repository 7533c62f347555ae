export { AuthError } from './auth-error';
export type { AuthErrorCode } from './auth-error';
export { readBearerToken } from './bearer';
export { verifyHelpCenterToken, MAX_TOKEN_LENGTH, CLOCK_TOLERANCE_SECONDS } from './verify-token';
export type { VerifyOptions } from './verify-token';
