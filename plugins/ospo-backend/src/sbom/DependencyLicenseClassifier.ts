import { LicenseClass, LicensePolicy } from '../metrics/LicensePolicy';
import { DependencyLicenseClass } from './SbomStore';

/** Worst last, as an `AND` of licenses takes the worst. */
const AND_RANKING: LicenseClass[] = [
  'allowed',
  'review',
  'unclassified',
  'denied',
];

/**
 * The classes of license lists, remembered for one SBOM: thousands of
 * components share a handful of licenses.
 *
 * @internal
 */
export class DependencyLicenseClassifier {
  private readonly known = new Map<
    string,
    { cls: DependencyLicenseClass; culprits: string[] }
  >();

  private constructor(private readonly policy: LicensePolicy) {}

  static create(options: {
    policy: LicensePolicy;
  }): DependencyLicenseClassifier {
    return new DependencyLicenseClassifier(options.policy);
  }

  /** The class of a component's licenses, and the denied ones. */
  classify(parts: string[]): {
    cls: DependencyLicenseClass;
    culprits: string[];
  } {
    const key = parts.join('\u0000');
    let known = this.known.get(key);
    if (!known) {
      known = this.judge(parts);
      this.known.set(key, known);
    }
    return known;
  }

  /**
   * Several licenses apply together (an AND): the worst decides. One that
   * is not an SPDX expression makes the whole unknown, unless another is
   * denied anyway.
   */
  private judge(parts: string[]): {
    cls: DependencyLicenseClass;
    culprits: string[];
  } {
    if (parts.length === 0) return { cls: 'unknown', culprits: [] };
    const classes = parts.map(p => this.policy.classify(p));
    if (classes.includes('denied')) {
      const culprits = parts
        .filter((_, i) => classes[i] === 'denied')
        .flatMap(p => this.policy.explain(p).culprits);
      return { cls: 'denied', culprits: [...new Set(culprits)] };
    }
    if (classes.includes('invalid')) return { cls: 'unknown', culprits: [] };
    const worst = Math.max(...classes.map(c => AND_RANKING.indexOf(c)));
    return { cls: AND_RANKING[worst] as DependencyLicenseClass, culprits: [] };
  }
}
