export { AuthService } from './auth.service';
export { TokenService } from './token.service';
export { authRoutes } from './auth.router';
export { hashPassword, verifyPassword } from './password';
export { WecomIdentityService } from './wecom-identity.service';
export { wecomIdentityRoutes } from './wecom-identity.router';
export { SessionService, sessionCacheMs } from './session.service';
export { StaffSessionRepository } from './staff-session.repository';
