import type { Role } from '@lodestar/shared';

/** Who is calling: a staff member or a customer, with the scope their role allows. */
export interface Principal {
  id: string;
  role: Role;
  corpId: string;
  teamId: string | null;
  name: string;
}
