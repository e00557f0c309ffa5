// @ts-check

/**
 * Current checklist answers per team and item, and the history of every change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ospo_checklist_answers', table => {
    table.comment(
      'The current answer of a team (a Group) to one checklist item',
    );
    table
      .string('team_ref', 255)
      .notNullable()
      .comment('Entity ref of the team');
    table.string('checklist_id', 100).notNullable();
    table.string('item_id', 100).notNullable();
    table
      .string('status', 32)
      .notNullable()
      .comment('not-started | in-progress | done | not-applicable');
    table.text('note').nullable();
    table.text('evidence_url').nullable();
    table
      .string('answered_by', 255)
      .notNullable()
      .comment('Entity ref of the user');
    table.timestamp('answered_at', { useTz: true }).notNullable();
    table
      .integer('version')
      .notNullable()
      .comment(
        'Increases with every change; writes name the version they read',
      );
    table.primary(['team_ref', 'checklist_id', 'item_id']);
  });

  await knex.schema.createTable('ospo_checklist_answer_history', table => {
    table.comment('Every change of a checklist answer, oldest first');
    table.bigIncrements('id').primary();
    table.string('team_ref', 255).notNullable();
    table.string('checklist_id', 100).notNullable();
    table.string('item_id', 100).notNullable();
    table
      .string('from_status', 32)
      .nullable()
      .comment('Null for the first answer');
    table.string('to_status', 32).notNullable();
    table.text('note').nullable();
    table.text('evidence_url').nullable();
    table.string('changed_by', 255).notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table
      .integer('version')
      .notNullable()
      .comment('The answer version this change produced');
    table.index(
      ['team_ref', 'checklist_id', 'item_id'],
      'ospo_answer_history_item_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ospo_checklist_answer_history');
  await knex.schema.dropTable('ospo_checklist_answers');
};
