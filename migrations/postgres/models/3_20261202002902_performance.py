from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "performance_distribution_guide" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "scope_key" VARCHAR(16) NOT NULL,
    "min_score" DECIMAL(8,4) NOT NULL,
    "max_share" DECIMAL(6,4),
    "min_share" DECIMAL(6,4),
    "set_by" VARCHAR(64) NOT NULL,
    "set_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_performance_scope_k_b1b178" UNIQUE ("scope_key", "min_score")
);
COMMENT ON TABLE "performance_distribution_guide" IS 'A department''s (or, with scope ''*'', every department''s default) guide for one coefficient band.';
        CREATE TABLE IF NOT EXISTS "performance_indicator" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name_zh" VARCHAR(100) NOT NULL,
    "name_en" VARCHAR(100) NOT NULL,
    "unit" VARCHAR(16) NOT NULL,
    "direction" VARCHAR(8) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON COLUMN "performance_indicator"."direction" IS 'HIGHER: HIGHER\nLOWER: LOWER';
COMMENT ON COLUMN "performance_indicator"."source" IS 'MANUAL: MANUAL\nSUPPORT_SATISFACTION: SUPPORT_SATISFACTION\nSUPPORT_SLA_RATE: SUPPORT_SLA_RATE\nSUPPORT_UTILISATION: SUPPORT_UTILISATION\nLINKED_REGION: LINKED_REGION\nPROJECT_ATTAINMENT: PROJECT_ATTAINMENT';
        CREATE TABLE IF NOT EXISTS "performance_measurement_import" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "sha256" VARCHAR(64) NOT NULL,
    "file_name" VARCHAR(200) NOT NULL,
    "period" VARCHAR(7),
    "rows" INT NOT NULL,
    "created" INT NOT NULL,
    "updated" INT NOT NULL,
    "unchanged" INT NOT NULL,
    "imported_by" VARCHAR(64) NOT NULL,
    "imported_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_performance_sha256_451de9" ON "performance_measurement_import" ("sha256");
COMMENT ON TABLE "performance_measurement_import" IS 'One import that changed something: the file''s hash, what it did, who did it.';
        CREATE TABLE IF NOT EXISTS "performance_period" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "period" VARCHAR(7) NOT NULL UNIQUE,
    "locked_at" TIMESTAMPTZ,
    "locked_by" VARCHAR(64),
    "rule_version" VARCHAR(32),
    "scorecards" INT NOT NULL
);
COMMENT ON TABLE "performance_period" IS 'An assessment period: open (every write about it locks this row), then locked: its scorecards are frozen';
        CREATE TABLE IF NOT EXISTS "performance_appeal" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "period" VARCHAR(7) NOT NULL,
    "department_id_at_appeal" INT NOT NULL,
    "reason" TEXT NOT NULL,
    "line_at_appeal" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "submitted_at" TIMESTAMPTZ NOT NULL,
    "decided_at" TIMESTAMPTZ,
    "decided_by_label" VARCHAR(64),
    "response" TEXT,
    "adjusted_actual" DECIMAL(18,4),
    "adjusted_score" DECIMAL(10,4),
    "decided_by_id" INT REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "employee_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "indicator_id" INT NOT NULL REFERENCES "performance_indicator" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_performance_employe_6060df" UNIQUE ("employee_id", "period", "indicator_id")
);
CREATE INDEX IF NOT EXISTS "idx_performance_period_880850" ON "performance_appeal" ("period", "status");
COMMENT ON COLUMN "performance_appeal"."status" IS 'PENDING: PENDING\nACCEPTED: ACCEPTED\nREJECTED: REJECTED';
COMMENT ON TABLE "performance_appeal" IS 'An employee''s appeal of one scorecard line, and HR''s decision (one appeal per line and period).';
        CREATE TABLE IF NOT EXISTS "performance_measurement" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "period" VARCHAR(7) NOT NULL,
    "subject_kind" VARCHAR(16) NOT NULL,
    "subject_id" INT NOT NULL,
    "value" DECIMAL(18,4) NOT NULL,
    "note" VARCHAR(500),
    "origin" VARCHAR(32) NOT NULL,
    "recorded_by" VARCHAR(64) NOT NULL,
    "recorded_at" TIMESTAMPTZ NOT NULL,
    "indicator_id" INT NOT NULL REFERENCES "performance_indicator" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_performance_indicat_3db860" UNIQUE ("indicator_id", "period", "subject_kind", "subject_id")
);
CREATE INDEX IF NOT EXISTS "idx_performance_period_cceaae" ON "performance_measurement" ("period", "subject_kind");
COMMENT ON COLUMN "performance_measurement"."subject_kind" IS 'EMPLOYEE: EMPLOYEE\nDEPARTMENT: DEPARTMENT\nREGION: REGION';
COMMENT ON TABLE "performance_measurement" IS 'A recorded value of an indicator for one subject (employee, department or region) and period; changed in';
        CREATE TABLE IF NOT EXISTS "performance_scheme" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "scope_key" VARCHAR(160) NOT NULL UNIQUE,
    "position" VARCHAR(100),
    "kind" VARCHAR(16) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "department_id" INT REFERENCES "department" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "performance_scheme"."kind" IS 'FRONTLINE: FRONTLINE\nBACKEND: BACKEND';
COMMENT ON TABLE "performance_scheme" IS 'Who a scheme applies to: a department, a position, or a position within a department. `scope_key` keeps';
        CREATE TABLE IF NOT EXISTS "performance_scheme_version" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" INT NOT NULL,
    "effective_from" VARCHAR(7) NOT NULL,
    "content_hash" VARCHAR(64) NOT NULL,
    "rule_version" VARCHAR(32) NOT NULL,
    "note" TEXT NOT NULL,
    "published_by" VARCHAR(64) NOT NULL,
    "published_at" TIMESTAMPTZ NOT NULL,
    "scheme_id" INT NOT NULL REFERENCES "performance_scheme" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_performance_scheme__43221b" UNIQUE ("scheme_id", "version")
);
COMMENT ON TABLE "performance_scheme_version" IS 'A published version: immutable; in force from `effective_from` (a period) until a later version.';
        CREATE TABLE IF NOT EXISTS "performance_scheme_line" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "weight" DECIMAL(6,2) NOT NULL,
    "target" DECIMAL(18,4) NOT NULL,
    "indicator_id" INT NOT NULL REFERENCES "performance_indicator" ("id") ON DELETE RESTRICT,
    "version_id" INT NOT NULL REFERENCES "performance_scheme_version" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_performance_version_a9136a" UNIQUE ("version_id", "indicator_id")
);
        CREATE TABLE IF NOT EXISTS "performance_scorecard_snapshot" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "period" VARCHAR(7) NOT NULL,
    "total" DECIMAL(20,10),
    "coefficient" DECIMAL(6,4),
    "data" JSONB NOT NULL,
    "locked_at" TIMESTAMPTZ NOT NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "employee_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "scheme_version_id" INT REFERENCES "performance_scheme_version" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_performance_period_25f447" UNIQUE ("period", "employee_id")
);
CREATE INDEX IF NOT EXISTS "idx_performance_period_677e68" ON "performance_scorecard_snapshot" ("period", "department_id");
COMMENT ON TABLE "performance_scorecard_snapshot" IS 'The scorecard of one employee for a locked period, exactly as it was at the lock.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "performance_indicator";
        DROP TABLE IF EXISTS "performance_scheme";
        DROP TABLE IF EXISTS "performance_measurement_import";
        DROP TABLE IF EXISTS "performance_measurement";
        DROP TABLE IF EXISTS "performance_period";
        DROP TABLE IF EXISTS "performance_appeal";
        DROP TABLE IF EXISTS "performance_distribution_guide";
        DROP TABLE IF EXISTS "performance_scheme_line";
        DROP TABLE IF EXISTS "performance_scheme_version";
        DROP TABLE IF EXISTS "performance_scorecard_snapshot";"""


MODELS_STATE = (
    "eJztXe17orja/1dy+WU653JmW6dv2/1krdNx12ofdfblrHtRhFjZIvEATrfn7P7vT8JrgI"
    "BEURHTDxUhd8BfQnK/3/+rzZEKdetjc6GN0As0ajfgfzVDnkN8kLhWBzV5sQivkBO2PNGd"
    "xvJCk+yg2cSyTVmx8YWprFsQn1KhpZjawtYQuYmx1HVyEim4oWY8h6eWhvafJcRdPUN7Bk"
    "184fc/8GnNUOFf0PK/Ll6kqQZ1NfK8mkru7ZyX7LeFc65j2J+dhuRuE0lB+nJuhI0Xb/YM"
    "GUFrzbDJ2WdoQFO2IeneNpfk8cnTeT/V/0Xuk4ZN3EekaFQ4lZe6Tf3ciRSeq0lSrz+Shu"
    "2RJNU4AFKQQcDFj2o5v/6ZPMKHxtn51fn1p8vza9zEeczgzNU/7q1DYFxCB57eqPaPc122"
    "ZbeFg3EIqvOZgLU1k002rn77GLL4kePI+jhmQeufCLEN59MuwJ3Lf0k6NJ7tGf56dnqaAe"
    "XPzUHrS3Nwglu9J7dE+AVwX42ed6nhXiN4h/haCiK9cCAcUlQQ48bFRQ6McatUjJ1rUYyd"
    "dUmaydaMB+coVTFY73epiCB9eZ4D6MvzVJzJpSjMigkJFJJsJ2G+w1dsbQ7ZUEcpY1CrHu"
    "lH/+AQJzn+gWrf0N+8Ic+AftR5aA9HzYdHcru5Zf1Hd/BrjtrkSsM5+xY7e3IZG6agE/BL"
    "Z/QFkK/g3/1e24EXWfaz6dwxbDf6d408k7y0kWSgV0lWqdnpn/VRi4y6Cb/hF2WdUY9SFj"
    "Dq3uOWZdAPZJB9TDJH2X9DJ28SF5uVoFvNcR3C61wA00XY2OkLk+cKQUsi/RmZUHs2foJv"
    "DuAd/FyyobBYLo99b88XOnqDh7hq/uPPJv9s+I6b8msgASQnGUYB/3ZoOzgM8OQfdFoYcw"
    "L5RFZeXmVTlSLYkyuogWJngrbJS/PGPH5GNuRnByPyY8ijB/LTAsp6jSlZOVfqWXLVAppT"
    "ZM7JGEty2H6VgFVrGgB6I//OAi4lQFOADAgwB2lCBf8woGsGppUNFXwZ4GYqVDQLdwBOSD"
    "OPCD+B085phr9oSH3/sRYbwF3cjyEa/l6D1PR2G9fcCaspso3M2h8x6fF3qhV+deyl5TYR"
    "EuWuJMoQ/7yceEhRQYknC0yfDb9K5cKv4ky4Cheyac+hYeO1ELNW1KKRcx5n9CA272B+0w"
    "ywbCEjCfAI/pWCcEhRifmcxee2fx1FWFx/5p48NH99H2Fzu/3evd+cmumtbv82BjjZHLJm"
    "9o/Dfo8NfJIyLnVoig3+xtuPdYgzO2MgCCbZAxHHPCZEkA7iA+Htn8yVvG0s5wkONarHCq"
    "h39xbUHtu9u07vvsY3Aj7ZDfAOxkaz1Wo/jtp3N8A/GhuD9o/tlnPOP4qzSbnUjJd5tIxx"
    "YZBSMl4mdIzLyVyz11PNxGkrqJypkpxOOGp1rYGOUgptzCGMMhZ4MdqQsQemM9Ms2rUW4J"
    "KN77a123j4FviODGNYFqMX0lQB411zerL659Jy9h7FXrJYvTs8meeyzkafQR1f1lzyj143"
    "lRqQu3ar89Dsnpxd191pjtHXXI2YPzLnCWtkAJmjslkX74D4GOE+5YCbWou5VE0JurUE85"
    "KBW7Rc7msG+aCNUQmNBwPZQLvKB22cTGC72hREq7eFIWiVISj28qaYgZhTuQCAO3RfFUU4"
    "/g7ngDjcrHY7iUu2veVFOLG3l8uYuVQ1u23Y5luNZdAMr9YznUVJOwkGDVdbMxcLaKgfkK"
    "G/3YDXGQKqpuJP2a7j/9DA/zV7BuwZBCbEzKcKJnCKp5ZjQpSnNjQZBstCuizYXfVWez4W"
    "++L3jcanT1eN00+X1xfnV1cX16fB1pm8lLWH3nbuyTZap4XJ1VZIfgVZZfWfFXZOw4sKa2"
    "tP144FBJWwzG1bJ4bR0limz0x8tQqZPrcNMN4iNZvBN6UDHFIIgHMDzJRjV2HMlmIFzCyY"
    "Xd4piXG6qT6k2MhEX04hYGcWeodR5YE9IBCo86Ge0OHsRz67RbiLlj+cCQGNvlzPktAmpK"
    "E/L+oioq9C/pcioi/Y6C7yBPRdpMfzXSQsOnhp0Ng8ceq8pUmESpxhbnjVFpKuzTWGxJ4K"
    "aoRGWMeSoC5M9CdUbD4LTpRITNbV9hsPsQI0349hTwcGcV7Nd3R2RdTereaw1bxrZ2m9qX"
    "Bf2XpheKXeemSffxpAXU5ZcT2wR7iLCiH9z9ZZzvY36NyNzXG6V3MwnDBoyGMSAA4xmGHh"
    "BJkxbT6wEf7UlBkgAUi+bt+VLr9z9figY1sAN0emCk0LyMCbiO+sLKPB1m46NpSZbDxDC5"
    "xYywn5zRPSYmlBoNlAthybhAXxhMPrBR6MOb6cGiCVjH4Kl5FA1/mCW3BGQQlDxa4MFc7g"
    "MNn11S72Pm2ZWffaqDn8SWoN2k3Hc57+Njacb18f76hr3jfvWnM47Nz3gov+V+/qQ//n4J"
    "Jz7J1v9R8e2j3qfv537/qAut/AvdtD++G2PZCad3fkCv1tbNz2m4M73Envc+f+64Bcj58Z"
    "G4+DPgkJkFrd/pC0iH6PLzR5hJdGHi1dI11L10ho6cjGyccQUhSCyU4y2cLIWEn3e6HNFt"
    "rsI0Jd4fb0pEnEviCUL0L5su/VohDlSw7PGuHQmUCWXgxL5ct5FyR6qDEUN9TVepbiRo22"
    "E3bCQ1o86xmKBwWPNY+d0G9fuUyJnxo5BO1PjVRBm1yK7v/CBLvdpKqV15l9HvR7o26n17"
    "4BweHYuG22fmr3iPrJPVhHq1R89gmRFjQd+mp5XnP4QCUj3Da02FUwui3Kb1sW5qsJm1UQ"
    "UM2gw6pCRqdOtJQZnG86x4ZOJ9WRVKJJgvwkjZJlyAtrhjadaEO/w6HXX1XnmbVcLJBpS7"
    "pmbOp3MHS76uKeqo6WSSzY1saTzO1t4HZWXcz8JFwCtf05utxp5KkmS/Kw90tNhTWW2iTR"
    "qJ43va9KkUrPAe1qTxgQ6mDeWeAEmV7wqlMpArz717s6gN+g+RZt5w3Ke+DcCuDHcJL1Kg"
    "hOp5qi4UZgIhsqI3J2+/djpvp1updeoBPdNNcML89MPMOv0BLtUksUGZS8+owIUZkF7XWV"
    "GoUL0eF0T8CcmZMpQrdxOqayoZ6Bsp+PiSf7FRlDC09abpBpuiPMeXXJgzGZkOtgTNMJjD"
    "MxtqDNzLaSsSAHFBVcjYsPZyVwrZFKN6ASqsyyqDIZ/l6BHFGCcM5Aq8mQNGiNZ7qAQScQ"
    "Wy1KjGaQlNywkAEW+tJ1NQ81j0AzCNuuQGAjVX4DJyo0iPCiaxZUwdREc/BE6SmfHB6fzA"
    "uLUTBku7cSxuRyiQlBZjYD8exLMTJhWham5T2bltMDfDPq16RH+AqcU3CeyBaULFmXTQYj"
    "mykpxCiPUeg9a9QbuaUFWzafCfuPDFYtj0yo46QC6xVYzzQTSoTLZ8sObJQjRFmiQ8UAxq"
    "x/vPIPlL/x4xel2hDAA9IcJPEzkc5Xazog2GGJHiytff5c28nOVbxmYIGFkleExT7eatMJ"
    "wirUi9hBbW/hXZaO/mGqZPLk9Vwu1DVHPUopRr0so56miEutbcmhpEnQieApZh3LZ+J4wI"
    "VshEZE+q2MSIsGy2wYOhWN0Dmw2Zs3eirx7uaoOODOygIQHgQdHdYszgtu5PXljk2jnJMX"
    "mmSjF2hs6JfWXGgj0k2F5nNsA/NqLDr1ZzcGyy9iW43Jmeq7vVu0DnJiUdmzNsQpmq+rgj"
    "NLBFJwQ4ZeDbxoeRHiG6JWvUh6ZmYHWdeR4kBRDF7NoL+qIzeHJKGdNdMWxSD34PRXVdRE"
    "1M6mcSiybcvKrID9wAuqaAb9VR05Bc2Lg63ldlZVzFyuY38BPIfIqYmop03eziKEgShi1Z"
    "cK8FTbXfLoQ4TJyfdZzLpPUKr4ou+ghX8U7qgAsAZOR1XCahee05R0nuFDHZXhV3tTS3KU"
    "gCtbeZAyPNRtf+dqYr/zPQW/W8hvnpcznE6xFKN9gxL5/gSQkVnLtJjemfGXtCt5lE7EYO"
    "7XuTo6GAmA012jkpRH7V8mnHuFc29556tw7i031iaUrbS1Y3XeuZC6zKtI7Utn0L4B5P/Y"
    "GA2aveHn9uAG+EdxziTXClN4sLxbsH0t97AYqfAPK4t/WB6vQOEftk3/sED24cI2RiWQFZ"
    "53e/G8o4XXDb3CKphqsh5zDIu9tavTwQvHRuHYWCJwN3Ns3KZesmOomiKT2gkMdWR4sZ43"
    "aZwWIRHZ9w9pu6pn6PRE9v2tpkiQ/ssVnUeRlFk6L5OOz4EMcqlSKRKBcj6U8U9lcFzpEP"
    "vtdxjPW9sNuoVrkVTNJLaR9TV6kQ7KPKFrXzr3X4gaz/0cG93+L+Sr87GOSu86x1hcpw7F"
    "dSLdGlqaSspuuHoYQupSj8FDs/e12b0B7ufYGH59fOwPcPvmqDP83GyNOv3eDWCdpdp2m0"
    "69WqqddyZs83XU6XYIOd0ddRKPfqf3U/tOGrTvnTaRr2Eh2+Zo1Oz0SNncsJhteG6dWVP8"
    "Ti+Cw9Ohr5YaOKH5yRe2JgKLVrgwzaFsLU1YgL/XQ9hTVcFyi4yQOhDFVBrp4o6qhNU29S"
    "r09GJoVmKzL59uZR4jypGJ37cfgm+yvoQATYFsgEBHEyS9t5YTEpsCTnxFa51y1wJOKkui"
    "wHqPqVWSJVND6g9AmckG/u24u/juurMbj42FLisQnDjZOpeqZgMdPYMXCBeWl/PfLXX9nV"
    "N6+X0dWMi5r4leSXf+/evUo4V3Snc9i2i53MaOVd7tTfJrtvnfNTXhkfZ7GtkfQq+1S71W"
    "OAq5HawCijLz72uKrVlg+izvVSrHe5WQlGIvxFryUqyPMqNeaz88dvu/tbHE4x+Njbv2Y3"
    "MwciWT8Hhs+AKN+7mOhFK8koFasfKvNVEiYVJnmNSdXZAh9GU5vAU0R+npxlMow0CsDIwZ"
    "il3EzL2YbykpmQkyuiJc5FLqXmQodS+SSl1kas8al+Y8pCjzal0aC1Dg5cdXJSNGVkGoi0"
    "+IKXwx11uXy6R08zHJdL4MRDQ+XiZOJriZ1b5sEWl4Q0+giMvJgcGc1xsoPsdK5RBEaaY6"
    "cxJtXctWX3mN6msosSQtpF2py+obELjtgT2T7UAJZKE5tGd4WG6cki1TTYfvLECyFtfBK2"
    "mo2UDVVPIFkQP8PRmwWHTnwnupXFoeayY3Li55eKuQYlts1f5cmIrnqsiLIfGWeokQVZB5"
    "beSSxRoZsliDUe9l1/rKUou7BasrTfTKMJSlxzx4zQWPyNB4eR4LHHBSFAJRBqJeqngORC"
    "kKgSgLUcNj9HgwpWkEqgxUXUaaW5sVI6sgQ1A83xVgxq/NipFWUJt1vC5l29QPPIay/KPL"
    "WTL0A8lG9bz6gZBdzeHfYpASrdCyHG8Rl/IGoAU0wInr/fFqajYE8gQtHVldR8oLKe2qWc"
    "QD5H2dSPWGcxZiQs22QJDA1AKyCUlWov9Chn/Ljm48Nk6CPKpgAnVM6vinGMjRSoT9u3sS"
    "JjXewBx3JLQQJdRC7N/XpERxVAWLbu6rtMY+GCEsYBcsmbx8IJteLpOON1R8bGWEqHoakC"
    "1YSJc6lPAeZnEmHovTVQ/r4g3/4abPsd1GiXYngp6WeNstC3PsVZNgscRhoYkMRphqlMO7"
    "WzGRZX2gHKY9enAyXl6r8Hq8/P7U+X/h/L+++n68vLqEEP+Hyvn7j+DJe1+fwGQ5X1gAGb"
    "7XNCm74jGxJzLhcD/4fZMF1WFiGXk/y/BEgustF9fLaxaqsEVoKyHX9JMlYB7Bv1KTjEXI"
    "KhCAncXqtn8dRbhcH9GTh+av7yOcbrffu/ebUyPQ6vZv45u3LdusLJY53doD6h1CTwJ0f2"
    "5zDoBHdQPcT+LQ3sWfg/Yd8Wf3DscGRmhITrmf8b1hT+7stuzoOFmvRnoW4ijVUWcgdrKt"
    "SguEdAaAmYlxI4RH6cF+zpGr1dJUKFkL3JBkvjZs3Qu15EA8rYtjxP6SI3gAM+Ea5jC5V4"
    "k43YbrRMkkX75lAsspS1mXLNnWrKmckqUkc/am9LDx5D0gWL25yxP44qFmkuI63PFFSeIj"
    "RJtrlVZ0ZK2XvoMmFErmMiuZSf09zWBnDs1+nSKER/gqNU7rZ9e53yWXQZTnaMmNdJz0CL"
    "HmWraERn93Gn05Uhg3ivSPw34vZe2IUMXns6bY4G+gawdcWZGFL4EjWykT17/ElnvSQVwp"
    "I1JspU/9avlDxSuCcwb60STCjXN1kJ+DVxJfka0+Gd9HTy3u2D465TKZqxtm7rolZrOWO+"
    "urg3jk5S+isqwDU96CsgeJUshiFFPHvhlhWaqI2DOSN03G6GF1jw5Z0boqI+N8gkWEQnB6"
    "cPqqKlK7K+V8kPCIMs45gRIVnFNh2oFvF7XvpXt5RTfHlf5eUlT+X+36NZr5EQLAVYMBKC"
    "sz4K7FQLPAQtZU8EpiDEjeAt9RylFDW+BkIb+ZSNcBEQhJVAK0IMOba1s3YWbUpDzfgtJY"
    "oorzXnMmaGkVX3I4t2hFVn/ZzmpT+zzo90bdTq99A4LDsXHbbP3U7t3dAO8g/lrsx5FlLT"
    "15gRryku4A1VCRlw3crZdBKIsZtWzAH4hGNpcdVZRn3VZ8vc80cgEbJRK4rlZ4Uxzphipv"
    "KvTjwCDOq/GOzq4clUNF+VseeLPK3+47XyCt4kwXiH0N6GpR+NlvWWjt0IiAGdZZEMLlno"
    "TLTQoCHEQhAC8w4rcgROK3sRErnRYpmTZo/9zufW2TagDOQTnEzle8FM94xc6Q6CjFzlMO"
    "/11bNvEaJfku4nldz2Nkx+x57kGxTn2FOOkxuhHyBEoIuUPIHSVjjDPkjlZz2GretffMFn"
    "sW7XTGODR5r2aN52HblRaioaZCYqMhlhmX7p1Fl1YjTBQJrifXVfmNfL6BP5FmQLUOXuDC"
    "BrJFEku9ylbSMlR058IiVJqFKYtpFxahElmEwtcNr34ShpS8XxyTPpVe7NEMnau7eHFGiE"
    "aIjjqMXBgDhDGg/LgKpnxnTLmwBVTRFjBwijXXGNKOdyVTzDHDNoXq/oXMsEeZQUFpMkOK"
    "iwcqUk4oUb7b4t1oRGK17SZWE6Gk6ehXK5Q0wfjlCc/zN+INHfE5WJZy2hdWhJ1ZFubgCg"
    "js8HFqBh1WFDHXLLUhWi6/NXK6OsD1JRdQ1nJBSphIumZsGlc1dLvq4p6qjpYJ8TNbm84v"
    "D7CB21mVMNu+fOS9lalSUvjWrpKVJDtsutIiNHDzfAGXBqApkIHbDZgiEyADeoVMwMlv+O"
    "/DwwMjJmjdTpgWnlDg8+pcCPPOcZcn2TdXu9Xaku6bQ72yHK4qSeKjdK265InocVdIrpUi"
    "QiPU4qvV4uEKvqHiNtQPHhjAedW2kalVJkeVoTKDzmAmuBHvSiYfQldus8L2K5mRX2YIcw"
    "4uBcDd6xq0gI1u8MnQMF3H37B0rxGiOsDsRfgVvGqkAlqk+UfwZCloAaUX+PYEXiBcWAn+"
    "ZUf3HRuEE/JugzECTgNwQvnIaKpTyS28z7t/vXN4KNl4E4UsysgfBYPMwyJFiCqn1D67zK"
    "V3vczQu14m/Uy9V4KLE6Voqpemcivq7cqHYBySN5ew5QhbjrDlFJ0WNOLjyMERJejWkgXL"
    "tqVsVxQMMStAHLyLdHZYOOeVCBOTbINUoV4Gkk2V+o688nOYzeTAVrK96PRd0Lqk2E6qDN"
    "31SvHwyNGSX7+n6EBoKlsNHidNkW1kCs37fjXvqRJPugtvusBzvJpKEbq8YdWs/Or1tcwY"
    "R26+4KnsFCzNfJxrnEwsDYylwdsB+ZCNEglcV0sEqen0uMWBqjKmcZEgOsdypFEKGbjNQe"
    "7QfVUU4PjyWKroiegsTxUmqNeAS56gXsc8teUXy4muWTOoAo/wBmjz+dK5ww9Ac/x9FCdB"
    "8Bw8wekUKrb2DZLSo/Mnr0C7htT3YGnYmg5kgIVPaPp9sUrHb/+GTHEotFr6AAlZaJ+yUO"
    "qusWpnFttyCrsTfVd4rAxJygraGwr288L3solObyZbMx6s43QVRPryPAfUl+epWJNLIm1z"
    "TrC3EG+GWFnKRvCvlHXZb787cGu17fKXTJtY+9dRxByWqGIYmMS6/d693zxe2jDmAuHzQt"
    "KEy9skTlfBeV38IhKCxm8djtMK+/Ah2Yc9yYiLj4/QCH5ztRooFLAK0QIdIMB5tRORqbWB"
    "NZhYDgsxBft2y4rgHX33DXlhzdDGgXAKnsYKbjz0+quOw8KWzeZx3JgKLwa4eZVeHqlk0b"
    "S5KmsFtCS+jThy+6Hern820JHyAlVP4VQH8C/co/4W5jQEsu2kPiTt2GW1Cr8DO4NiEJ6V"
    "mkCRbhR1SPlDqL1E8F1VlDI2sl2rMo+x2qc5wrzQjdP62WluW7WC4HSqKRrT9y8T4xjlES"
    "LNk4CbLB5JgH8c9nspbqxe+zismmKDvwGWWw9RWsnAlCCRrYqJa13qUZGSdBBXxbhb8Rqq"
    "gQhhBfUCB6IH8DEpsaN42Ua2cAOUyP66JWSjpv21FFkF+DWVbNfdsj5LpCutcei08qUrZa"
    "/FBSDMFUhyqBjnjSRJXzkK087m99Er2aLBqaPN5am3JzcyNzVX07ZlZebMfJZmLdGonqVZ"
    "85OHydH2K7VpjzNkIwC/aSrEk6cOLBtPK1IaRHHTInhOD4A4PYAlHnnTqxliy2CKdPw9qT"
    "8rqE+RXaFcCjBrJjcuLnkUYCFFBRVgxZu5fQcjByUOmON0FQS7eF8ZS/svA+R0XtxrLoQc"
    "hpAz1XQo8SZIiBBVcMo2cmVJaGRkSWgksyTwK7mEdusAtFteylfeXHg0kViYGAvTEou2Mu"
    "Yn+YCNUQlk86QZDNIMbyqlVjVvcT2Rb5B+fVcX4fFnpdBq5UE39g6XUf5vofkK4d9vUc8j"
    "+StUY1Gd55DW1XqG0D1BKsO/PN2l329fCYZ61079gruuJHeNL8540zREaAQHyOCthcwiOO"
    "ty8n68nLX7rgu+Og+2kXWxjFy1UyEonaX2Cwit5qd1v+VKGxqJRoCGSiUcB+Nl4+z7c7/w"
    "imYDr1er7uQnBzJwE1mBk+Fju4Wbn57KV2eMci4F9830Qo/a872KASLHwj7Z/oPMjXa2e1"
    "7Ud9LlSdwlMg2nT+vqRpIKB9LtCgOilk+FEziXDehi/O6YwoAomJRfzCprwaSooJsuDFCi"
    "8Gp5gBLEt6pf/z05a/FUs5dWDTf8PYq6tZzMNdtjSUQ86E5ZdEUnQXFSlhosw2WLRVy54k"
    "NbcJHDQDwjMyXlzuqyODR9mU0ktVG79aXXaTW70rDf/Trq9Hs3IHlubHxufu2OpEH7sdkZ"
    "3AD629gYtP/va2fQfmj3yLlhm8B6A1hnx0Z/9KWNO3A+4kqI/TjoLUwNmZq99lDT9KUe6q"
    "+DezwWN8D9HBtfOvd4mMj/sdHrD7B4ewPcz7HR7f9yA/C/dYao+JpItmbrXD5/AUGZB6RM"
    "/n70kyVwTrcCx8gqgfaujcHK0rLRHJp4kyb833oKo5Q+Kqg6OhBVUS6DcYSt5hzyOO1uhn"
    "qXPF6VRhp3tcC/DkoqFsr4B5tBLl7tsg84Hj2CwPpDnuxADHq5B10kId5hYJWrrGLCvFpq"
    "C6m3BXYBW2Vt+PX2oTMate9uQHA4NpqtVvvROekfjY1OT3oc9O+xoD28AdQXIp1jKf5n0t"
    "o/Ghutfu9zZ/BATgaHpGX/sd1zW7pHuGWz12p3u05L/7AcQqGsKHCxHu8UIy1gVS1nDHsl"
    "FlX8pq4pFUUpxSiXeZQddufbWsMcIxXjXOZxxj9tqpnz9bQcMVox0qUeacJ36fp6Ix2jFS"
    "Nd5pE2IVpAAw/fkuUxkuGXEyXbnWvO6bZEnqK9nWSb3C4B6XAu63o6rgFVhXK4fWpcXQZw"
    "ki9ZSA4fmt1uGpx0AGNeO0eSci2psWTQ7trSQam0eCsIMUjFCPCPANkrSU0IXy7Pv1gzKM"
    "V6HV9gApBmUOZy00kQVqBS1rZddGTL0p4N3lyyMaoK7ZCFzWLhwS482A8NVd8azhl9HScT"
    "2GZiu+7KkNGDQDxH3TQfviTkInSYkZg39lLnyYHMmKAFgH0UsS8ZL3cO5EUYzOZhMCJ7+v"
    "6yp/vyxG6X5pJJILmTOkSFrw0KW4bpxzet2shKf16R+R0zvM2Lg4tKGFdFrHx1TCFYecF/"
    "7W8VA2x3kZUudCvDKwOEc8dYSvBb3kyGtb4B8e+WDUsjZ8AJIvUFnLfgu3Axeg80AyBThe"
    "YPAOJzwESvTvkBaDmlB0iBzwmc4p0BnNjyfAHND275ApuRkmUnd2QmaqFCUC1ySLatjfK0"
    "3GrPxxIH+n2j8enTVeP00+X1xfnV1cX1aSANJi9liYW3nXsiGdZpfWiO4gn+eCXGIF06p0"
    "iEOM5QgOB1gdOhN6SooCtv8a6cUxPNpSx/XjbKMbIqGAS3HkmJ1sA5QiQmdC7fZBuZEv71"
    "kFFrOHPZoMkqCPUWzIAil24Vfcp4HUSEV8gGEcgzfGuJCA08i1WUSqxVedYqZ33n81egSI"
    "SzgsgOvScTpMgOvf3s0ORNF2aEPGYEak0sVWrokWwxc0I75+tZiknbb7FSD9kECn7Oj+AJ"
    "c1yOYvAJaBZQoWFBcHL68aPx4ey9k59ZIzmbLeCuej+AJy+++AlMlvOFBZABID71BvA+bj"
    "xDgKaOvtDpPKGK3NVN82StW5joT6g4K4e3orvsp/NcIjndbpPTBbjnh5YmEVsv04tYZLsS"
    "2a5otLfmo71rSZNkMiEKFrbKJgV1iiZLaXOw/A4LfaKDSeS7QOabtEAa04ifbt2JkYmojf"
    "h6m5qwJRXT9FQtW4RzW1UPioZTlD1Ya7k9NAXtcqGuOcxRSjHMpR5mEWW1rWXSAYsP1giN"
    "kJ0YqHrKAT5Yo0QC19XqYEoHs6G28jHs6cAgzqutjM6u1XrgUKm1IbS3SDbVVtBbReGNrI"
    "nCYb+sDvvFuJ8TRXrFfc/dVCMF4DQI0sBUBaZtm278mZViwaEmXrYhh84Ts9USPsLWsUtb"
    "h1/yPq+62G9fCa38zn2ShBbpKNQLdJnnvMoFmkZIa0IK3hmuzubOBSpFIRBdrVfw3WA2FM"
    "x8f5sDAzevVEZNqtXqBKGq2Z6qxt2JdqtJOFRsI7t26bz2PGE5RfILRekVgl+YejWPI98c"
    "zifQfGeBs/GycXr26QK49MQtTgYqCd0lvYITcrSAJrlM4ny9VvIzhhuYcKHLCrSAxooh3t"
    "ZNmGHD/urt9LBZwLAQVjcUVveSOrhsa1OBuYOFPLpqB6iEPCokp61lMufNzUiTCEyFNCqk"
    "0XIy9kIaLYk06rLdmyN7BMIovbeUShZtQlNTZjWGHOpdqWfJoHLYRpgdD2kTqmdIcmvUE6"
    "12KdHGxUWekKCLi/SQIHItFpqPXyoOhL3mFUT3LFfA1VlGwNVZMuAK39FmJqL9cdjvpfm6"
    "BiRxmVlTbPA30LVDDh9ngUvAyDakx23m9agETDq4ZfG0u9zM/vl/wgcZYg=="
)
