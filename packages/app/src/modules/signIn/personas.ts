/** A demo user of the example organisation, chosen on the sign-in page. */
export interface DemoPersona {
  /** The catalog User's name (`user:default/<userName>`). */
  userName: string;
  displayName: string;
  role: string;
  description: string;
}

/** The personas of the README, matching packages/backend/examples/org.yaml. */
export const DEMO_PERSONAS: DemoPersona[] = [
  {
    userName: 'erin',
    displayName: 'Erin Ng',
    role: 'Engineer, Storefront team',
    description:
      "Opens components in the catalog and sees their owning team's OSPO checklist status.",
  },
  {
    userName: 'lee',
    displayName: 'Lee Tanaka',
    role: 'Team lead, Checkout team',
    description:
      "Records the Checkout team's answers to the OSPO checklist on the team's page.",
  },
  {
    userName: 'olivia',
    displayName: 'Olivia Osei',
    role: 'OSPO staff',
    description:
      "Member of the Open Source Program Office: may update every team's answers.",
  },
];
