import type { MigrationInterface, QueryRunner } from 'typeorm';
import { insertMissingCountries, removeUnusedCountries } from '../../seed/iso-countries';

/** Data only: every ISO 3166-1 alpha-2 country, so that officers can add partner cities anywhere. */
export class AllCountries1795900000000 implements MigrationInterface {
  name = 'AllCountries1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await insertMissingCountries((sql, parameters) => queryRunner.query(sql, parameters), '`country`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await removeUnusedCountries((sql, parameters) => queryRunner.query(sql, parameters), '`country`', '`partner_city`');
  }
}
