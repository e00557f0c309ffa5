export interface Config {
  /** Configuration of the OSPO plugins. */
  ospo?: {
    /** The OSPO's dashboard at `/ospo`. */
    dashboard?: {
      /**
       * The share of its applicable checklist items a team should have done,
       * from 0 to 1: the dashboard's "Needs attention" strip counts the teams
       * below it. Defaults to 0.5 (half).
       * @visibility frontend
       */
      checklistTarget?: number;
    };
  };
}
