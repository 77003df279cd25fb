import { describe, expect, it } from 'vitest'
import { principalFromClaims } from '../../functions/auth/cognito.js'

describe('principalFromClaims (Cognito groups → roles, custom:agency_ids → scope)', () => {
  it.each([
    ['a DGA official', { 'cognito:groups': ['dga_admin'] }, { role: 'dga_admin', agencyIds: [] }],
    [
      'an executive with two agencies',
      { 'cognito:groups': ['agency_exec'], 'custom:agency_ids': ' a-1 ,a-2,,a-1' },
      { role: 'agency_exec', agencyIds: ['a-1', 'a-2'] },
    ],
    [
      'an executive without agencies',
      { 'cognito:groups': ['agency_exec'] },
      { role: 'agency_exec', agencyIds: [] },
    ],
    [
      'a user in both groups, as a DGA official',
      { 'cognito:groups': ['agency_exec', 'dga_admin'], 'custom:agency_ids': 'a-1' },
      { role: 'dga_admin', agencyIds: [] },
    ],
  ])('maps %s', (_, claims, expected) => {
    expect(principalFromClaims({ sub: 'user-1', ...claims })).toEqual({ subject: 'user-1', ...expected })
  })

  it.each([
    ['no groups', {}],
    ['groups of no role', { 'cognito:groups': ['admins'] }],
    ['groups that are not a list', { 'cognito:groups': 'dga_admin' }],
    ['no subject', { sub: undefined, 'cognito:groups': ['dga_admin'] }],
  ])('signs in no one with %s', (_, claims) => {
    expect(principalFromClaims({ sub: 'user-1', ...claims })).toBeUndefined()
  })
})
