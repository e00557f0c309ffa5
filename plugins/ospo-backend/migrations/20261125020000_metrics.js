// @ts-check

/**
 * Metric runs, the snapshot each successful run stores, the scopes it covered
 * and the entities it flagged.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ospo_metric_runs', table => {
    table.comment('One computation of every metric from the catalog');
    table.string('id', 36).primary().comment('UUID');
    table
      .string('status', 16)
      .notNullable()
      .comment('running | succeeded | failed');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table
      .integer('processed_entities')
      .notNullable()
      .defaultTo(0)
      .comment('Catalog entities read so far; progress while running');
    table.text('error').nullable().comment('Why a failed run failed');
    table.index(['status', 'started_at'], 'ospo_metric_runs_status_idx');
  });

  await knex.schema.createTable('ospo_metric_snapshots', table => {
    table.comment(
      'The value of one metric for one scope (org or a Group) at one run',
    );
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('ospo_metric_runs')
      .onDelete('CASCADE');
    table.string('metric_id', 100).notNullable();
    table
      .string('scope_ref', 255)
      .notNullable()
      .comment('org, or a Group entity ref');
    table
      .double('value')
      .nullable()
      .comment('Null when there was nothing to measure');
    table.double('numerator').nullable();
    table.double('denominator').nullable();
    table
      .text('breakdown')
      .nullable()
      .comment('JSON: counts by dimension and key');
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.primary(['run_id', 'metric_id', 'scope_ref']);
    table.index(
      ['metric_id', 'scope_ref', 'computed_at'],
      'ospo_metric_snapshots_series_idx',
    );
  });

  await knex.schema.createTable('ospo_metric_scopes', table => {
    table.comment(
      'The scopes (org and Groups) a run covered, with the hierarchy it saw',
    );
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('ospo_metric_runs')
      .onDelete('CASCADE');
    table.string('scope_ref', 255).notNullable();
    table.string('type', 16).notNullable().comment('org | department | team');
    table.string('title', 255).notNullable();
    table.string('parent_ref', 255).nullable();
    table
      .text('child_refs')
      .nullable()
      .comment('JSON array of Group entity refs');
    table.primary(['run_id', 'scope_ref']);
  });

  await knex.schema.createTable('ospo_metric_findings', table => {
    table.comment('Entities a run flagged for attention, e.g. denied licenses');
    table.bigIncrements('id').primary();
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('ospo_metric_runs')
      .onDelete('CASCADE');
    table.string('metric_id', 100).notNullable();
    table.string('entity_ref', 255).notNullable();
    table
      .string('team_ref', 255)
      .nullable()
      .comment('Owning Group, when it resolves');
    table.text('detail').notNullable();
    table.index(['run_id', 'metric_id'], 'ospo_metric_findings_run_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ospo_metric_findings');
  await knex.schema.dropTable('ospo_metric_scopes');
  await knex.schema.dropTable('ospo_metric_snapshots');
  await knex.schema.dropTable('ospo_metric_runs');
};
