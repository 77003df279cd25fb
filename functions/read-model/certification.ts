import { getLatestCertification } from '../store/certifications.js'
import { certificationsPartition } from '../store/keys.js'
import { memoize, stampOf, type Versions } from './cache.js'

/** The latest certification of a fiscal year, cached while no new version is certified (one read per change). */
export const latestCertification = (versions: Versions, fy: number) =>
  memoize(`certification|${fy}`, stampOf(versions, certificationsPartition(fy)), () =>
    getLatestCertification(fy),
  )
