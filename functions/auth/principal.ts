/** Who is calling, after authentication. */
export type Role = 'dga_admin' | 'agency_exec'

export interface Principal {
  subject: string
  role: Role
  /** The agencies an executive may see in detail; empty for DGA officials (who see everything). */
  agencyIds: string[]
}

/** Whether the principal may see the detail of this agency. */
export function canSeeAgency(p: Principal, agencyId: string): boolean {
  return p.role === 'dga_admin' || p.agencyIds.includes(agencyId)
}
