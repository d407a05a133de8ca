import { MigrationInterface, QueryRunner } from "typeorm";

/** The audit trail: its hash-chained entries and the head row that orders appends. */
export class AuditTrail1796000000000 implements MigrationInterface {
    name = 'AuditTrail1796000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`audit_entry\` (\`seq\` int NOT NULL, \`at\` varchar(24) NOT NULL, \`actorId\` int NULL, \`actorEmail\` varchar(254) NULL, \`operation\` varchar(64) NOT NULL, \`recordType\` varchar(32) NOT NULL, \`recordId\` int NULL, \`diff\` text NOT NULL, \`requestId\` varchar(64) NULL, \`prevHash\` varchar(64) NOT NULL, \`hash\` varchar(64) NOT NULL, INDEX \`IDX_9d18bd4a32fc0cd8ff82b12037\` (\`at\`), INDEX \`IDX_5d987014df964fe6ae02b9ee63\` (\`operation\`), INDEX \`IDX_16e974357664a336146e08efb4\` (\`actorId\`), INDEX \`IDX_0c005621fd78783403e5fbbf29\` (\`recordType\`, \`recordId\`), PRIMARY KEY (\`seq\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        await queryRunner.query(`CREATE TABLE \`audit_chain_head\` (\`id\` int NOT NULL, \`seq\` int NOT NULL, \`hash\` varchar(64) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
        // The chain starts empty: its head is entry 0 with the genesis hash (64 zeros).
        await queryRunner.query(`INSERT INTO \`audit_chain_head\` (\`id\`, \`seq\`, \`hash\`) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`audit_chain_head\``);
        await queryRunner.query(`DROP INDEX \`IDX_0c005621fd78783403e5fbbf29\` ON \`audit_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_16e974357664a336146e08efb4\` ON \`audit_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_5d987014df964fe6ae02b9ee63\` ON \`audit_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_9d18bd4a32fc0cd8ff82b12037\` ON \`audit_entry\``);
        await queryRunner.query(`DROP TABLE \`audit_entry\``);
    }

}
