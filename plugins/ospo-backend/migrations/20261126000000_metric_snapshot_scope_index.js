// @ts-check

/**
 * An index for the latest figures of one scope (`run_id` and `scope_ref`):
 * the primary key (run_id, metric_id, scope_ref) only narrows such a read to
 * the run, so it scanned every metric of every Group of the run, some
 * 30,000 index entries with 2,000 Groups.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ospo_metric_snapshots', table => {
    table.index(['run_id', 'scope_ref'], 'ospo_metric_snapshots_scope_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ospo_metric_snapshots', table => {
    table.dropIndex(['run_id', 'scope_ref'], 'ospo_metric_snapshots_scope_idx');
  });
};
