export { AuthError } from './auth-error';
export { readBearerToken } from './bearer';
export { verifyHelpCenterToken } from './verify-token';
export type { VerifyOptions } from './verify-token';
