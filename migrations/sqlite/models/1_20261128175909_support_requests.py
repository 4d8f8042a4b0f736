from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "support_request" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "client_request_id" VARCHAR(64) NOT NULL UNIQUE,
    "category" VARCHAR(32) NOT NULL /* TECHNICAL_SOLUTION: TECHNICAL_SOLUTION\nFAULT_REPAIR: FAULT_REPAIR\nREQUIREMENT_RESEARCH: REQUIREMENT_RESEARCH\nOTHER: OTHER */,
    "priority" VARCHAR(16) NOT NULL /* URGENT: URGENT\nHIGH: HIGH\nNORMAL: NORMAL\nLOW: LOW */,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "customer_reported_at" TIMESTAMP NOT NULL,
    "submitted_at" TIMESTAMP NOT NULL,
    "response_due_at" TIMESTAMP NOT NULL,
    "resolution_due_at" TIMESTAMP NOT NULL,
    "rule_version" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* SUBMITTED: SUBMITTED\nACCEPTED: ACCEPTED\nIN_PROGRESS: IN_PROGRESS\nRESOLVED: RESOLVED\nCONFIRMED: CONFIRMED\nREOPENED: REOPENED\nCANCELLED: CANCELLED */,
    "accepted_at" TIMESTAMP,
    "started_at" TIMESTAMP,
    "resolved_at" TIMESTAMP,
    "confirmed_at" TIMESTAMP,
    "cancelled_at" TIMESTAMP,
    "reopen_count" INT NOT NULL,
    "rating" SMALLINT,
    "rating_comment" TEXT,
    "resolution_note" TEXT,
    "timeline_length" INT NOT NULL,
    "timeline_head" VARCHAR(64) NOT NULL,
    "assignee_id" INT REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "region_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT,
    "submitter_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "submitter_department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_support_req_submitt_81ea9e" ON "support_request" ("submitted_at");
CREATE INDEX IF NOT EXISTS "idx_support_req_status_098e94" ON "support_request" ("status");
CREATE INDEX IF NOT EXISTS "idx_support_req_departm_b70eaf" ON "support_request" ("department_id", "status");
CREATE INDEX IF NOT EXISTS "idx_support_req_region__bbc19c" ON "support_request" ("region_id", "submitted_at");
        CREATE TABLE IF NOT EXISTS "support_attachment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "content_type" VARCHAR(32) NOT NULL,
    "size" INT NOT NULL,
    "file_name" VARCHAR(200) NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "request_id" INT NOT NULL REFERENCES "support_request" ("id") ON DELETE CASCADE,
    "uploader_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT
) /* Photo evidence, stored once per content hash under the data folder. */;
        CREATE TABLE IF NOT EXISTS "support_comment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "body" TEXT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "author_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "request_id" INT NOT NULL REFERENCES "support_request" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "support_request_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "sequence" INT NOT NULL,
    "action" VARCHAR(16) NOT NULL,
    "from_status" VARCHAR(16),
    "to_status" VARCHAR(16) NOT NULL,
    "actor_label" VARCHAR(64) NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "note" TEXT,
    "chain_hash" VARCHAR(64) NOT NULL,
    "actor_id" INT REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "request_id" INT NOT NULL REFERENCES "support_request" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_support_req_request_81a9b3" UNIQUE ("request_id", "sequence")
) /* One transition (or comment\/attachment) in order; each row hashes the one before (tamper-evident). */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "support_comment";
        DROP TABLE IF EXISTS "support_request";
        DROP TABLE IF EXISTS "support_attachment";
        DROP TABLE IF EXISTS "support_request_event";"""


MODELS_STATE = (
    "eJztXVt34rYW/itaPKVrMTMJuZbzRIiT0BJIgWl7OulyFSzAa4zl2iKZnHb++5FsfJeNDQ"
    "aMo3mYGFlbtr+ty75K/9TmWEGa9bFlqCP8Fem1JvinpsM5ohexe3VQg4bh32EFBD5rdmVo"
    "qDLxqj1bxIRjQm9MoGYhWqQga2yqBlExe4i+0DRWiMe0oqpP/aKFrv69QLSpKSIzZNIbX/"
    "6kxaquoG/Icn8aX+WJijQl9L6qwp5tl8vkzbDLOjq5tSuypz3LY6wt5rpf2XgjM6x7tVWd"
    "sNIp0pEJCWLNE3PBXp+93fJT3S9y3tSv4rxigEZBE7jQSOBzn2W/rCbLvf5IHkojWa7lAG"
    "iMdQYufVXL/vope4UPjZOzy7Or04uzK1rFfk2v5PK782gfGIfQhqc3qn2370MCnRo2xj6o"
    "9t8YrO0ZNPm4uvUjyNJXjiLr4pgGrVvgY+v3p12AO4ffZA3pUzKjP0+Oj1Og/LU1aN+3Bk"
    "e01g/skZgOAGdo9Ja3Gs49hrePrzXGrJUcCPsUFcS4cX6eAWNaKxFj+14YY3tekmfQmuXB"
    "OUxVDNb7nSpCSF+cZQD64iwRZ3YrDPPYRAwKGZI4zDf0DlHniA91mDICtbIk/eheHGInpx"
    "+o9HXtbcnyFOhHnQdpOGo9PLLHzS3rb83GrzWS2J2GXfoWKT26iLDJawT81hndA/YT/NHv"
    "STa82CJT036iX2/0R429E1wQLOv4VYZKoHe6pS5qIa6b6IUOlHW4HqYsgOvL1y0L0w+EyS"
    "4mqVx2R+jzm5xLzIrRrZa4DmE4FyB0MTF28pUrc/mgxZG+xSZSp/rP6M0GvEPfC+pjnsi1"
    "FN+luaHhN3SIs+Z3tze5pf4YN+GrpwHEOxlFgX47IjYOA9r5B502xZxB/gzHX1+hqcgh7N"
    "kd3MCREq9u/Na8MY+WQB1ObYzYx7BXd/WnhaISSSfmW42nXfl366n6FasnI6/iKg2r1jIM"
    "pCsfMF10muB1hoGiKvQvJHX6P9Lp/yqZAapjARONsamAZzShfQtAXQFwQpD5sRZhUkFNFq"
    "zhXavT96Lk/dhonJ5eNo5PL67Ozy4vz6+OvYknfittBrru3LFJKLSarFYF86/wQp4r11Kf"
    "RZ6jkwo28+hJHkEF1dHilSSKFnujfPguKQTAGQCmS6RKOIJTMsA+hQA4M8BcNWAVxnwdQM"
    "DMg9mRneIY/zTs9/gY+xTRFVcdE/Av0FQri7J1OFo0gyK0qrp4Hj20fo9C3e72r6PLJWvg"
    "OjpBM0E1D+wegUA9H+oxDXg/+tkNMqBJ5shWL2P6WeBuPU0/U8L1hANsZ/Pwlh1gY8rrPC"
    "udW79yDoPTRoYl7rSRuMSxW+GpVvgWt+tb/Eo/jY+vpC/mMfthCGuXtsxY124H/d6o2+lJ"
    "TeBdPunXrfbPUu+mCZYXUTtWJn5cZGFHVE0PcONCeMfeqzUlh1wT0KqWZnpOKMD1kvT25w"
    "HSYIIxoLrW/rB0blnqVGdiVkFAtbwGqwqZtTAMbBJZU/WvG4I2dJrq0paqjpaJ6Dtbm/ay"
    "JWADp7HqYvY8VwlbogRq6ahtU4/1pn6OFhtcFpJ1WBSstdLBOJohYCDTwjowtIVl+/386R"
    "moOphgc4wAwQp8A0cK0rE5h5pqIQVMTDwHfwUm879YZcDkAOuHuONxu48SGne5NG63G1Kh"
    "KpeJOUwm9G+hf+9Z/6a6hJrX2xekEThnw/kZWki2oAZNjt/vBo1VuhYkuEzClFHd2iH9uG"
    "ziAMFPwfpGanceWt2jk0bdmTOo1qw6EVMuG85iSBNo0kVSfsb6giPjpUIdJRVYr8B6pppI"
    "ZlYdvr2Ij3KIKM1UVDGAWyMpAp+G4Et+/MJUGwJ4OD49Dn4m1vLlpXgEu1u2asNR6/a2tp"
    "OVq3gPv0GVkldM1b68mSkxwrUQL1nv3EEekDDBJ6NfLRN8kOsLQ1mT62FKwfWycJ2TsRKz"
    "SfrxGPkSVmJ0ImHFM9kEk76m9A3yIRuiWQvVsq1Y280CCkcUbZgFFA5jOrDemzUPKDZ2E/"
    "KA4j25AIQHXkOH1YuzghsavrkTrAIeXHejiA2dRMFtKSrSn4WnezPIXN8tJASOZwVAt3RE"
    "trz2qo7cGM+Lg63tNFZVzJwBuj+n94GsIyJSoLDRiV4KG5tLxKSXbAP0UPraLuIrAutoSq"
    "RFeLVdHXMhwzBBnvxuMFMtgs23JvAl4E+OvPbJ9Sd+MuDbMhYCTSZoTNQXJLPffwGsp6Z6"
    "F9M6J8jiSyjgJExX+1OEYOwzBCPMjBjAyQ6UOOW79kKJEAARAlDe/ipCAMqNtYmglTR3rE"
    "7h8anLPIvU7jsDqQnY/0/6aNDqDW+lQRO4V1HJJNMMU3jyjrOfzZq7nIVIhRepLF6kLL5D"
    "4UXaphfJ031yYRuhEsgK/9xe/HNB5XVD31EFs/bqEfdRZNSGHEjt1rDdupFqCVOvcH8K9+"
    "fewd3M/blNu+QSeY4t0udJsv3R7wBiz5KDWpnqKeY7sWeJyJk6UEOeiNFNRr9aevaBbJNx"
    "IPJKiWKHDhExxzS9IVqOvDWymzrA+UXsJrI1tES0y/7iNkKjMlFL8kftKl1JJn7VlVEaAx"
    "azs0DAoQF4AiBwmrF3ocC6vbGFihVw9F/678PDA2f7i3Ub4cZc+AqfQyMiLfaqqi2ZkEOj"
    "8CkqqFOkgelqFJeJ+sRl3G9nj5zAkM3hro4Tv0uH9UUuh/U+/A5lQ3XLjofd22zLBvDmRl"
    "vP5bAfm208sYAjmHCzD5Klk3j2QzYR5XGGCQboRVUQ7S11wII9kUKlirEtVgCKMmG7bLFk"
    "c7CgDDft/bfYikbFD03hnRRUUJvCrlwuYcWawcb5RR5hxaeooLCyhSM0nXHhoJQD5ihdBc"
    "Eu3pRvqf/jgJw4SbjVhYjCCTiZqBqS8/pGQkQV7LKNTA6SRoqDpBF3kIhT2Cp5wOrSQphX"
    "dQoSiYmJMzEtDA1DKk/mAzZCJZDNopV6VukN1dLKmrnrMfU0OHxXh8S5vbIAjN9BxGFkDJ"
    "cqZiuSIZ+s/Ady6Fdr/uNAZRHMdUjzaj1F6X7GCienbYS+JeDq1q+EQJ0m4km/j0LSXewc"
    "Ok/C6/Z7d2716OF0Qrp+B9I1vTnDOWXAEI2QALlZJkJnKQpXIVnvU7J2xrqQq7NgG5oXyy"
    "hV2wFlySK1G2+2Wp7W3JorfWgsigvpSmCHFPC0aJz8eObG6agELFu16uBVJTMAwSvtWjMC"
    "joaPUptWPz6Glyec6J+C2+YGBYWTrZYOZhEYtE+x3+EgRxpNC1nxifYTqnKye1nUjVO5qp"
    "9lDlMRSQbJ3bpaSQYimb/aKedVRDVFFRBJ0cUmRXOVARFfV5X4OlfRTVYGAqrwan0goIhv"
    "1b7+Jd5raVcjC6tGK34Jo+7vqEpFkj+FiL7TNGtNZRxKM4OlhGzxiCuXgL2FEDkKxBTztv"
    "nLtitakL7MLpLaSGrf9zrtVlce9rufR51+rwniZU/6betzdyQPpMdWZ9AEwV9P+kD65XNn"
    "ID1IPVY2lBisTcArfdL7o3u28Zr9J2qE2E+AnmGq2FTJ2qwO0pea1Z8Hd5QXTeD8fdLvO3"
    "f3bEu8O8qWXn9A1dsmcP4+6d3+b01A/1uHRcVvjEdUouWK+fMIysyQMsX7Bd8shnOyFzhC"
    "Vgm0d+0MHi8sgufIpIs0k//WMxgltFFB09GBmIoyOYxDYnVOlkdpd8PqXcp4VeI0bcqgX4"
    "dkhSpl62zvGiMXQ7vsDKfcYwisz/J4A4Lp5Wb6QkPyCzKtnHvxR+kqIUdtPbHKMVZxYV6t"
    "tfnU2wK7gKWyNvx8/dAZjaSbJvAun/RWuy092oXu1ZPe6cmPg/4dVbSHTRD4wbRzqsX/ym"
    "q7V096u9+77QweWKF3yWr2H6WeU9O5ojVbvbbU7do13ctyKIVwPEbGerJThLSAWbWcu1FV"
    "YlKlI3VNrShMKbhcZi7b4s7LmmcfhEgFn8vMZ/ppE9Wcr2fliNAKTpea00zu0rT1OB2hFZ"
    "wuM6dNhA2kU/YteBEjKXE5YbLdheYcb0vlKTraCRL2uBikwznUtGRcPaoKna9x2ri88OBk"
    "P9KQHD60ut0kOIMJjFn9HHHKtbTGkkG7a09HwKSlY8Jx6KUwIE4qOJCfA2yt1FQduXp59s"
    "maQynm6+gE44E0QzBXmE6McHcWwFptW+BuOURneTJ6znO9IlQVWiEL68Uigl1EsB8aqq43"
    "PGf2dZRMYJuK7bozQ0oLAvHV+RgefHHIRepwPF8gOqgzHFDH66AFgP0ucl9SBncpjwY8VJ"
    "yznA0ojrbcXhYXH2VXn9jt1FwyDSTzpg5h5Sv3tg7BHZTc7ceLOe0mvP15Rfp3xPE2Lw6u"
    "wIZxVcTKNccUgtUy+U96qRhgu8usdKBbmV7pIZw5x1JGL1l3Mqz1dUS/G+qWykrAEWbnC9"
    "ij4JM/Gf0AVB1gU0HmfwCiZcDEr/bxA8iyjx5ghyg9owldGcARgXMDmR+c4wsIZ0uWnTwx"
    "4fQmLwXVYpds2dpon5Zrdfpe8kB/bDROTy8bx6cXV+dnl5fnV8eeNhi/laYWXnfumGZYD9"
    "pDMxye4PIrxoNk7TxAItRxjgGEzgs5A3p9igqG8hYfyjkx8VxOi+floxwhq4JDcOuZlHgN"
    "nENEokNnik0m2JTp1yMt57QRJKsg1FtwA4q9dKsYU5Y3QEREhWyQgTyjj5aZ0pBnsgpTib"
    "kqy1xlz+/54hUCJCJYQewOvScXpNgdevu7Q7ORLtwIWdwIgTmxVFtDt5Cpjmc1jqVyeaee"
    "ZpyEfh1xrsohzZv1FHvcGtng1U4Eb5yfZ9m+6Pw8efsidi8iWNFBlQPhZfUKonuSaXOok5"
    "TNoU7im0Mtz32NI/zTsN9LTNUj/EwJRR0T8C/Q1ENe/HngMjDSVbOoFlYPq82sgWueGLbL"
    "xez7/wHt9QJY"
)
