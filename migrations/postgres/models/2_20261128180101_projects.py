from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "project" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "started_on" DATE NOT NULL,
    "bonus_pool" DECIMAL(14,2) NOT NULL,
    "side_split_frontline" DECIMAL(6,4) NOT NULL,
    "delivered_on" DATE,
    "actual_satisfaction" DECIMAL(8,4),
    "actual_revenue" DECIMAL(14,2),
    "closed_at" TIMESTAMPTZ,
    "attainment" DECIMAL(20,18),
    "bonus_amount" DECIMAL(14,2),
    "rule_version" VARCHAR(32),
    "allocation" JSONB,
    "created_at" TIMESTAMPTZ NOT NULL,
    "owner_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "project"."status" IS 'ACTIVE: ACTIVE\nDELIVERED: DELIVERED\nCLOSED: CLOSED';
COMMENT ON TABLE "project" IS 'A cross-department project (跨部门项目组). `version` bumps on every board write (a per-project lock row).';
        CREATE TABLE IF NOT EXISTS "board_column" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(50) NOT NULL,
    "position" INT NOT NULL,
    "wip_limit" INT,
    "project_id" INT NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "board_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(24) NOT NULL,
    "task_id" INT,
    "at" TIMESTAMPTZ NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "actor_id" INT REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "project_id" INT NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_board_event_project_49a966" ON "board_event" ("project_id", "actor_id", "kind");
COMMENT ON COLUMN "board_event"."kind" IS 'TASK_CREATED: TASK_CREATED\nTASK_UPDATED: TASK_UPDATED\nTASK_ASSIGNED: TASK_ASSIGNED\nTASK_MOVED: TASK_MOVED\nTASK_COMMENTED: TASK_COMMENTED\nTASK_RATED: TASK_RATED\nMEMBER_ADDED: MEMBER_ADDED\nBOARD_CONFIGURED: BOARD_CONFIGURED\nPROJECT_CLOSED: PROJECT_CLOSED';
COMMENT ON TABLE "board_event" IS 'Append-only board history: who did what to which card, when, before/after. Its id orders a project''s';
        CREATE TABLE IF NOT EXISTS "project_allocation" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "side" VARCHAR(16) NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "rule_version" VARCHAR(32) NOT NULL,
    "closed_at" TIMESTAMPTZ NOT NULL,
    "employee_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "project_id" INT NOT NULL REFERENCES "project" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_project_all_project_d45d04" UNIQUE ("project_id", "employee_id")
);
COMMENT ON COLUMN "project_allocation"."side" IS 'FRONTLINE: FRONTLINE\nBACKEND: BACKEND';
COMMENT ON TABLE "project_allocation" IS 'The frozen amount each member is paid when the project closes (payroll reads these).';
        CREATE TABLE IF NOT EXISTS "project_goal" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "weight" DECIMAL(10,4) NOT NULL,
    "target_date" DATE,
    "target_value" DECIMAL(16,4),
    "project_id" INT NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_project_goa_project_0edbe0" UNIQUE ("project_id", "kind")
);
COMMENT ON COLUMN "project_goal"."kind" IS 'DELIVERY: DELIVERY\nSATISFACTION: SATISFACTION\nREVENUE: REVENUE';
        CREATE TABLE IF NOT EXISTS "project_member" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "side" VARCHAR(16) NOT NULL,
    "department_id_on_join" INT NOT NULL,
    "joined_on" DATE NOT NULL,
    "employee_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "project_id" INT NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_project_mem_project_e93032" UNIQUE ("project_id", "employee_id")
);
COMMENT ON COLUMN "project_member"."side" IS 'FRONTLINE: FRONTLINE\nBACKEND: BACKEND';
COMMENT ON TABLE "project_member" IS 'Side is the member''s department kind on the day they joined, kept as it was.';
        CREATE TABLE IF NOT EXISTS "task" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "position" INT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "due_date" DATE,
    "story_points" INT NOT NULL,
    "version" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "assignee_id" INT REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "column_id" INT NOT NULL REFERENCES "board_column" ("id") ON DELETE RESTRICT,
    "project_id" INT NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_task_project_adcd53" ON "task" ("project_id", "column_id", "position");
COMMENT ON TABLE "task" IS 'A card. `position` is dense (0..n-1) within its column; `version` bumps on every change of the card.';
        CREATE TABLE IF NOT EXISTS "task_comment" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "author_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "project_id" INT NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE,
    "task_id" INT NOT NULL REFERENCES "task" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "task_rating" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "rating" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "project_id" INT NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE,
    "rater_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "task_id" INT NOT NULL REFERENCES "task" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_task_rating_task_id_93efc2" UNIQUE ("task_id", "rater_id")
);
COMMENT ON TABLE "task_rating" IS 'A member''s 1–5 rating of a done task (one per rater; rating again replaces it).';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "board_event";
        DROP TABLE IF EXISTS "board_column";
        DROP TABLE IF EXISTS "project_allocation";
        DROP TABLE IF EXISTS "task_comment";
        DROP TABLE IF EXISTS "project_member";
        DROP TABLE IF EXISTS "task";
        DROP TABLE IF EXISTS "task_rating";
        DROP TABLE IF EXISTS "project";
        DROP TABLE IF EXISTS "project_goal";"""


MODELS_STATE = (
    "eJztXWt32jga/is6fJn0HNom5NrsJ0KclpkEskC7O1vmOIqtBE+N5bVNMtnd/veVfL/bAg"
    "PGqB8asPTK5pH86r3rv605lpFqfujqygT/QFrrEvy3pcE5Ih8SbW3QgroetNALFnxU7c5Q"
    "V0TL7/ZoWgaULNLwBFUTkUsyMiVD0S0F05toC1WlF7FEOirac3BpoSn/XiAy1DOyZsggDd"
    "//IJcVTUZ/IdP7qv8QnxSkypHnVWR6b/u6aL3p9rW+Zt3YHendHkUJq4u5FnTW36wZ1vze"
    "imbRq89IQwa0EB3eMhb08enTuT/V+0XOkwZdnEcM0cjoCS5UK/RzH8XgWksUB8OJOBYmot"
    "hiAEjCGgWXPKpp//pn+gjvO0cn5ycXx2cnF6SL/Zj+lfOfzq0DYBxCG57BpPXTbocWdHrY"
    "GAeg2n8TsPZm0EjH1esfQ5Y8chxZD8c8aL0LAbbBetoEuHP4l6gi7dmaka9Hh4c5UH7rjn"
    "pfuqMD0usdvSUmL4Dzagzcpo7TRvEO8DUlTEdhQDigaCDGndPTEhiTXpkY221RjG2+JM6g"
    "OWPBOUpVDdbbZRURpM9OSgB9dpKJM22KwiwZiEIhQisJ8zVpsZQ5Soc6ShmDWnZJP3gfdn"
    "GRkx8oDzX1zZ3yHOgn/TthPOne3dPbzU3z36qNX3ci0JaOffUtdvXgLDZN/iDgH/3JF0C/"
    "gn8NB4INLzatZ8O+Y9Bv8q8WfSa4sLCo4VcRyqHV6V31UIvMuoFeyIuyzKxHKSuYdfdx6z"
    "LpOzLJHia5s+y9oY9vIpOYlaArlrh24XWuQOiiYuzTj1SZKwAtifQNNpDyrP2G3mzA++S5"
    "oCaliVyu+C7MdRW/oV3kmj+91eRdDd5xA776GkBykREUyG9Hlo3DiCz+Ub9HMKeQP0Lpxy"
    "s0ZDGCPW3BHRy74vdNNs078/gVqMFnGyP6Y+ije/rTQlYsQbOMt1aadhW0tnP1K9pPRH7H"
    "Ig2r1dV1pMnvMdl0LsHrDANZkclfaLXJ/0gj/yvWDBAdCxhIwoYMHtETWVsAajKATxYyPr"
    "Rik1TRkBVreFfK874oeZ86nePj887h8dnF6cn5+enFoc94kk15HOiq/5kyochuUqwKsu/w"
    "XJ6r11ZfRp4jTAUbLHqST9BAdbR6JYmgRZ+IDV+XggNcAmCyRSpWiuCUDXBAwQEuDXCqGl"
    "CEcboOwGFOg9mRnZIY/zoeDtIxDijiO64iWeB/QFXMMsrW7mjRFIrIrurheXDX/Wcc6t7t"
    "8Cq+XdIBruIMmgqqLLD7BBx1NtQTGvB29LMrTIboedOZUNDCze08De2RdvTWRZs7wbgTrI"
    "kb3WkZH9hptgvsNOEBI6xBSZeJM9dtmIQbFP0FHGD6quiiqsyVFI09E9QIzVKo1mwPqxpU"
    "3cB/IsliM4BHifhiLbZ+u4hVYPq+D0baMYjLWr6jqyti9u51x73utZBn9Q55yKH5IyUI4c"
    "olu/lthFSYwXFdsCdkiAYh/XPtIqfwguy7pUucTmsJgRP5HVlcAsAmBjOinGAjZs0HFiZ/"
    "FWkGJNLHs+072uVHx44P+pYJSHdsyMgwAQTuQvzFzHMarO2mU02aQe0ZmeDAXDzS3/xIey"
    "xMBBQLQNP2SZiILDjCL8hkzEnzu5LOiO9hhuTbOn+QHq0/uKOilo4Ke3JSxXWBzH1i84jM"
    "hEdbZ9G9NemOfxN7I6E7Ea4vQfjbVLO/fb2/DrW539y27njc/zzwG72vbuvd8JvfZH92r/"
    "eGd3fCIHQ/77vbPgrdb+Tc7U64uxJGYvf6mraEv021q2F3dE0GGdz0P38d0fb4lal2Pxr+"
    "KvQmYu92OKY9ot/jjKZUdFkZK10n20rXSVjp6MbJJhCGKLiQnRSyuZOxkfFD3JrNrdl7hD"
    "oVE9m2hTAJ3xe48YUbX7bNLSoxvpSIrFlnRGfNmEJZZMPMsFaxnNdIh4Y1zzDchFrbeYYb"
    "OdqP+wl3iXm2cwwPEplrFj+h179xyUXHnRKK9nEnU9GmTdH9n7tg15uH2Hib2c1oOJjc9g"
    "fCJfA/TrWrbu83YUDNT86HZaxKR2dlpiOufYdm44xn0u1r5DVDDFQoAtMVAFf02DUwMygq"
    "b5smkaupmFURUF1/wKZCZi50HRuWqCraqv7gsTPULRmp6WgZ1LNorrrKXMBGzmDNxexxrl"
    "h0i+KobS8AwWf9KVpseFvI1mFRuFdh5MFkhoCODBNrQFcXjj8+YM9A0cATNiQELCzDN3Ag"
    "Iw0bc6gqJpLBk4Hn4CHEzB9oZ0DlAPNdMklxvbfiGne9NG5vGRKhikU7jJFx/Zvr31vWv7"
    "OjoLMxzgmD5jhn4PwITSSaUIVGSo7gNZIUshdkOKSjlHHd2iH94A6xg+DnYH0t9Pp33duD"
    "o07b4RlEa1Yci7w3DScJpC1okE1SfMTaIkXGy4U6TsqxLsB6phhIpFaddHtROsoRojxTUc"
    "MA7k6EGHwqgi/s+EWpVgSwnp66kvgZWGWrYecTbG7bao0n3Zub1kZ2ruqzgXWilLxiovax"
    "VrFLEC6FeM1W5wZqBnITfDb6zTLBh2d9octLznqUks96XWY9JTo1YZMM4jHYwssSdDzCLC"
    "Vyz0DP5AnYkI3Q8HDIwrC9aETRivFl0TCmHVu9ZUPMEu9uRpxZciVXgPDIH2i3VnFZcCOv"
    "L3MAX8iD6xWVX9FJFC5h35D1HDVqBZmgKyIVzT1txurkQQGrQYZfNSLYutHOK6LWvKjw1C"
    "wFqKpYsqGoBq+uP17TkZsjmpxtzhS9GuTu7PGaipoXgQItC0qzCriaG07R9cdrOnISnlcH"
    "W88ZrKmYOXvn9kJ3dlHe4PFOq7ydVYi0UcSaL9uSpba5cj67CJNdgaEavk9RajjTt9EiP4"
    "oMVAFYI3ugJmG1iTDNkI6ZE7AZ1USLQzdFGCVgqh/lF3EKDGkfHbPPRy8s6aMO39yQSvT0"
    "RGRx5QWJ9PsDwFru6RLVjJ4Sq/k9ErcapXPKOfFIzm1FckYnIwFwdhxGknKvg1l4JCGPJK"
    "zveuWRhPXG2kDQzOIdxZnAAXWduUjrS38kXAL6/1SbjLqD8Y0wugTep7hkUorDVJ4D7Byh"
    "teTBihFSHoxSl2CUMiFIPBhlncEovu7DhG2MiiPLw3y2EuYTVl5XDEFpYPJ/OxaFEntriw"
    "t08SgqHkVVI3BXi6Jap13Si+JIMUaGAjyyLZDhiurFVkcgGdg03wdrzSv8Dg6miwsZXUwX"
    "nw7t/0/t/y/OP00X52cIkf+RdPLuA3h4QYZJhnsAj4u5bgKsAUQueQXpXw2iFoEDSPPG33"
    "tjq1j6AQz8mpJiXosn4pno9bJf8gTp9Zrbwk+WgHmC/spUiyJkG8w3a613+0jVdYV/TiJq"
    "bqKYsa/q3g4Hn73u8QrHUeDJNmyl2d3KWYQC6g1C3+1N+t8ExglwqS6B83eqXQu35K99OI"
    "H/cap5pxEsfwpB9bYiArJBQ0zSXo1sv0mUaq99JrZ9WNQxVllN+RHCvbQunzBYl01FRqKp"
    "k47UV6dZqqKlpVznIZ41xD5if9Y+KQ09EcIVImEyc4k43T7nuRM9ZQFV0YSWYj5lneSeu3"
    "ozRlh58e4QrO7avWBYuy5qBg0HXLAyjCTxHqLNxKUlFZvLpb6HCStwO+0OznXyMnmY5LqZ"
    "aMaAoqXbOvNfpwjhHr5KncP20UXpd8kREOEcL5iRjpPuIdZMbMtYqEh07Woslpg4XfMqpF"
    "RfDhBGEtKiSOccLhWh4idMLX/CFC9Pk730mxsbQjNxGc8VC5PwuIViF7uNVwXOyT3wr4eX"
    "1gpFHpy1WkXdgp6z6puDeDR0adPlHXYSJZ55z4rYM4ZqNVh9xrtsaM1Hya1LUAlOza5JsL"
    "nk052EhyeelgSK55xuJec0ue9lR3lFN8fCeC8xqv+XOzbkycD/QRpwzGAAQWkGHF4MFBPo"
    "UJHB64y002M+vEAp2wxtggMdvhlYVZ3zO2gPE2UcGLKOm6Smn4Yi3/xgXp53us24LepPTr"
    "cWlghuUao8v3M93GanDj5cyk5eoYW8pjtAM0zkdQN33Tby2rhR6wb8jlhkS/lReULZuhLK"
    "PKGRCdgoEce12OAdkkhXNHk3r7ZnO2bxjq6uErlOPGGPBd68hL2apDzZJs5shdizgBarws"
    "9ezyIlOBvlIgXTPpadK5fbVC7tKUiVs4uVS4+2zrJ2y02M+N1Pkfh9qo27k/74hmZRDAeX"
    "IPxtqo2Eb8LgK1FF3Q/1UDtfCSuesaqdAdFeqp2HDPG7bhUe1gPWYmT7HHnuQvECVeb45z"
    "jpPoYRsiRKcL2D6x01E4xz9A6/kMVWxWLXo50tGAcu72LReB70LfQQjRUZUR8N9cw4dL+Y"
    "oaKhgApRNLmettPz3snfN/AnVjQkt8EPpFsAmkCxwCs0k56hqgfnHqHaMKY8oZ17hGrkEY"
    "pUmBEJpPT9Ylj0mfR8j06xuTrMizFDNEK012nk3BnAnQH1x5UL5RsTyrkvoIm+ALfwXIq2"
    "E5Sky1Zzgvp31dr+uc6wRZ1Bwlk6Q0aIB65ST9gutGsOo+GF1dZbWI2nkmaj36xU0oTgVy"
    "Y9z9uIKzoud2f9C3U+VngXEXPcUiui5chbE3uoHeQvpYDyzkJUFW3VvCr3KMRbMlLT0eKn"
    "bW4vhSjyVmZqScFbW6QriVbQtdAjNHLqfAGHBuAnAIEzDHjCBsAaokWVFSyDg9/Jv/d3dy"
    "k5QcsOkurhCRQ+h4a7d7aqqrmTwKBRBBQN1CnywPQ0ivNMfeI8eWyR/eaEXlmGUJUk8V6G"
    "Vp0xnde1jWNX6obqms3imz+yom4AlzXbZp9ZseVAFVeS61oWlGZZJ+kmO+VKJ56sCaP9C0"
    "WU+xm2MEAviozIamkDetYtopEkki1WAIKyReNLZtCcgQWZcMMNMbEgET9U8j0psVQ0Jrcr"
    "10tYMWewc3rGIqwEFA0UVs5OSkgrZyeZ4gptilk/nffCQYkB5jhdA8Gu3pRvKv9JATmTSX"
    "jduYiSEhHxpKhIZPWNRIgauGQ7pRwknRwHSSfpIGF3jDTWIbIjDhAPk9zMbddCyKo6hYk4"
    "Y0phTAtdxVBmrVMao+LIltFKfav0imppY83c7YR6Gn59i2O2vFVZAcZ7ELMVe4drFbPlLn"
    "GvZl628h+qqles+UuhzjyYa5f4ajtH6X7E8lsS1uwzBr3+jRCo80S8dRwvyKXrRkrXpHGG"
    "GWXACA2XAFNka66zcMm6nrIfq2TtvOtcri6DbYQv1lGqtgPKskVqL96sWJ5WvZ6FPjQaxY"
    "U0OZyOPV10jj6deHE6igXcUc02eFWsGYDAKdkCDsb3Qo90PzyE50cp0T8Vj50aFBSMTbu4"
    "DmYeGLRNsX8nqwAdbV4WXeYET55kkL2sm5VkkJm8z8CxEnRcaE1VBnjo19pVgeg+vaKseh"
    "0ZbMeALiutJl7eYmWAx9c1Jb7OU3SzlYGQKlysD4QU8bXa178nVy1ZatbCbJGO36Oom4vH"
    "uWK5IskfXETfaJq1qtAZyjOD5YRspRE3LgF7DSFyBIhnbKS4RMrVxArT19lF0poIvS+Dfq"
    "97K46Ht1+d8rXJa1Ptpvv1diKOhPtuf3QJwt9ogdu/f+2PhDthQK+NBQorrXabvDrVhpMv"
    "AhnA/hM3QmwnQE83FGwo1tJTHaav9VR/HX0mc3EJnL9T7Uv/M5km+v9UGwxHRL29BM7fqX"
    "Y7/MclIP8tM0XVF0SzFEtlivnzCeo8IXWK9ws/WQLnbC9wjKwRaG/aGSwtTAvPkUE2aSr/"
    "LWcwyhijgaajHTEVlXIYR8RqximP025mqjcp4zVppslQOvl1SJSJUsY+2Snk/NWu+4ST2a"
    "MILD/lyQH4pNd70vlRgxtMrHKMVakwlyha7VOvC+wKtsrW+OvVXX8yEa4vgf9xqnV7PeHe"
    "vuh9mmr9gXg/Gn4mivb4EoS+UO2caPHfaG/v01TrDQc3/dEdveh/pD2H98LA6el8Ij27g5"
    "5we2v39D7WQymEkoT05WSnGGkFXLWe1agawVTJm7qkVhSl5LNc51m2xZ2XpaY5Rsrnuc7z"
    "TH7ak2LMl7NyxGj5TNd6pqncparLzXSMls90nWfaQFhHGpm+1HPsc+JyomSbC805XJfKU3"
    "W0E7To7RKQjudQVbNx9amWQrRmL4qL6XHn/MyHk37JQ3J81729zYIznMBY1s+RpFxKa6wZ"
    "tJv2dIRMWhpOOxYzZwKSpHwG2GeA7pWqoiFPLy/PrFMoOb+OMxgfpBmCTGE6CcLNWQBbrX"
    "WBu+YQHaf8OOvBUzGqBu2Qla1iHsHOI9h3DVXPG86YfR0n49jmYrssZ8gZgSNenI/hw5eE"
    "nKcOJ/MF4i91RvZw0RKvAOy9yH3JeblLIM/TYFZPg0lHlq/karO40lH29InNsuaaaSCliz"
    "pElS/msg7hCkpe+fFqTruJlj9vyPqOOd7m1cEVKhjXRKw8c0wlWLnJf8JLwwDbXGalA11h"
    "eqWPcOkcSxG9lK1k2BpqiPxuqJkKvQIOMD1fwH4LPgbM6B1QNIANGRl/A4hcAwZ+tY8fQK"
    "Z99AA9ROkRPZGdARxYcK4j471zfIGVUpJlI3fMOL3JT0E16Ue6ba1Up+VKed6XPNBPnc7x"
    "8Xnn8Pjs4vTk/Pz04tDXBpNNeWrhVf8z1QzbYXtoicMTvPlKzEG2dh4i4ep4igGE8AXGgN"
    "6AooGhvNWHcj4ZeC7mxfOmoxwja4JDcO2ZlHgJnCNEfEGXik22sCGSX49URrYRJmsg1Gtw"
    "A/Jauk2MKWMNEOFRIStkIM/IrUWqNLAwqygV51VleJXN39niFUIkPFiBV4fekguSV4def3"
    "Vo+qZzN0IZN0KIJ9aqNPQEmqk1oe3r7TzDpOX1KLRDdoFEnvMDeCASl20YfACKCWSkmQgc"
    "HH74oL0/emfXZ1ZozWYTOFzvb+DBzS9+AI+LuW4CrAFELr0Bso9rz4ie907thfbgCVPkpm"
    "5apmqdbuA/kWRzDpejO+Kn/Vy8ON2GD5b3cC8PbZiEb72pUcS82hWvdhVGe20x2pvWNGkl"
    "E2pgSTfZZKAeoskz2uysvJOGPrXBJOpdYONN1LGS6sTP9u7EyHjWRpzfZhZsycQ0u1TLGu"
    "Fc16kHVcPJjz1Yit3umoF2octLTnOUkk9zraeZZ1mti03aYLHBGqHhulMKqq5xgA3WKBHH"
    "tdgcHLLBrGitvA9G2jGIy1oro6ur2A4cGLVWhPYKQ0Pu+aM1FN4IT+QB+3UN2K8m/Jwa0h"
    "see+6UGqkAp5FfBqYpMK3bdeOtrAwPTmjh5TtywnVi1nqED/d1bNLX4R15X9Zc7PVvhFV+"
    "4zFJ3Iq0F+aF8DHPZY0LYRqurXEteGO42ps7E6ghCo5osV3BC4NZUTHz4m12DNyyWlloUR"
    "WbE7ipZn2mGmcn2qwlYVexjezatYvac5XlDM0vUKULFL+g9GqZQL45mj8i4xcTHE0XncOj"
    "41Pg0NOwOAhkmrpLRwUH9JOODNpM83zdXvCZwA0MpKtQQiZQ0nKI13WT1LRhj3vbI6yWMM"
    "yV1RWV1a2UDq4bb6qwdjDXR4t2gEboo1xzWlslc9bajGESjinXRrk2Wk/BnmujNdFGHbF7"
    "dWT3QBkN7y210kW7yFCkWStFD3Vb2nk6KAz6cLfjLm1C7RxNbonzRJt9lGjn9LRMStDpaX"
    "ZKEG2LpeaTl4oBYbd7A9E9KpVwdZSTcHWUTLgid7RSC9H+Oh4OsmJdfZK4zqxIFvgfUJVd"
    "Th9PA5eCke9Ij/vM21ENmA5wlSbTbnIz+/l/vh8xgw=="
)
