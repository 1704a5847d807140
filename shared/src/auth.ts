import { z } from 'zod';
import { roleSchema } from './roles';

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1, 'username is required').max(64),
    password: z.string().min(1, 'password is required').max(256),
  })
  .strict()
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const loginResponseSchema = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    user: z.object({ id: z.string(), name: z.string(), role: roleSchema }),
  })
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof loginResponseSchema>;
