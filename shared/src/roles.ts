import { z } from 'zod';

export const staffRoles = ['admin', 'team_lead', 'agent'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const roles = [...staffRoles, 'customer'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const seniorities = ['junior', 'intermediate', 'senior', 'expert'] as const;
export type Seniority = (typeof seniorities)[number];
