// @ts-check

/**
 * The latest verdicts of the OSPO checks on each catalog entity: one row per
 * entity, replaced by every metrics run and by a refresh of that entity, and
 * deleted once a run no longer finds the entity. No history per entity.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ospo_entity_checks', table => {
    table.comment('The latest OSPO check verdicts of each catalog entity');
    table
      .string('entity_ref', 512)
      .primary()
      .comment('The entity, e.g. component:default/checkout');
    table
      .string('team_ref', 255)
      .nullable()
      .comment('The owning Group when the owner resolves to one');
    table
      .string('entity_etag', 255)
      .nullable()
      .comment("The catalog's metadata.etag of the entity that was evaluated");
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.string('evaluated_by', 16).notNullable().comment('run or refresh');
    table
      .string('run_id', 64)
      .nullable()
      .comment('The last metrics run that saw the entity');
    table.integer('fail_count').notNullable();
    table.integer('warn_count').notNullable();
    table.integer('unknown_count').notNullable();
    table.integer('pass_count').notNullable();
    table
      .text('results')
      .notNullable()
      .comment('The verdicts as a JSON array, worst first');
    table.index(['team_ref'], 'ospo_entity_checks_team_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ospo_entity_checks');
};
