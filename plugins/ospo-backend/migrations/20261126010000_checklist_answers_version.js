// @ts-check

/**
 * One counter that every change of a checklist answer increments, in the
 * same transaction: the checklist heat map is cached in memory and reads
 * this row on each request to learn whether any instance of the backend
 * changed an answer since. Counting or summing the answers instead would scan
 * the whole table on every read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ospo_checklist_answers_version', table => {
    table.comment(
      'A single row counting the changes of checklist answers, for caches',
    );
    table.integer('id').primary().comment('Always 1');
    table
      .bigInteger('version')
      .notNullable()
      .defaultTo(0)
      .comment('Incremented by every change of an answer');
  });
  await knex('ospo_checklist_answers_version').insert({ id: 1, version: 0 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ospo_checklist_answers_version');
};
