from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "reward_employee_day" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "employee_id" INT NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "day" DATE NOT NULL,
    "net" VARCHAR(40) NOT NULL,
    "pool_share" VARCHAR(40) NOT NULL,
    CONSTRAINT "uid_reward_empl_employe_c25d18" UNIQUE ("employee_id", "period", "day")
) /* The account's totals at the end of each day it moved (the counter's trend, without re-reading entries). */;
        CREATE TABLE IF NOT EXISTS "reward_employee_total" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "commission" VARCHAR(40) NOT NULL,
    "accrual" VARCHAR(40) NOT NULL,
    "net" VARCHAR(40) NOT NULL,
    "pending_commission" VARCHAR(40) NOT NULL,
    "pool_share" VARCHAR(40) NOT NULL,
    "credited_orders" INT NOT NULL,
    "pending_orders" INT NOT NULL,
    "revenue" VARCHAR(40) NOT NULL,
    "employee_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_reward_empl_employe_271974" UNIQUE ("employee_id", "period")
) /* Running totals of one employee's account for one period (kept with the entries). */;
        CREATE TABLE IF NOT EXISTS "reward_order" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "client_order_id" VARCHAR(64) NOT NULL UNIQUE,
    "customer" VARCHAR(200) NOT NULL,
    "type" VARCHAR(16) NOT NULL /* NEW: NEW\nRENEWAL: RENEWAL */,
    "amount" VARCHAR(40) NOT NULL,
    "occurred_at" TIMESTAMP NOT NULL,
    "occurred_period" VARCHAR(7) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: PENDING\nCREDITED: CREDITED\nCANCELLED: CANCELLED */,
    "credit_period" VARCHAR(7),
    "credited_at" TIMESTAMP,
    "rule_version" VARCHAR(32) NOT NULL,
    "commission_rate" VARCHAR(40) NOT NULL,
    "accrual_ratio" VARCHAR(40) NOT NULL,
    "commission" VARCHAR(40) NOT NULL,
    "accrual" VARCHAR(40) NOT NULL,
    "net" VARCHAR(40) NOT NULL,
    "recorded_by" VARCHAR(64) NOT NULL,
    "recorded_at" TIMESTAMP NOT NULL,
    "cancelled_at" TIMESTAMP,
    "cancel_reason" TEXT,
    "nonce" VARCHAR(32) NOT NULL,
    "blocking_request_id" INT REFERENCES "support_request" ("id") ON DELETE RESTRICT,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "employee_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "region_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_reward_orde_status_abadef" ON "reward_order" ("status");
CREATE INDEX IF NOT EXISTS "idx_reward_orde_employe_953fbd" ON "reward_order" ("employee_id", "occurred_period");
CREATE INDEX IF NOT EXISTS "idx_reward_orde_region__05c96e" ON "reward_order" ("region_id", "credit_period");
CREATE INDEX IF NOT EXISTS "idx_reward_orde_blockin_32cebb" ON "reward_order" ("blocking_request_id", "status");
        CREATE TABLE IF NOT EXISTS "ledger_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* COMMISSION: COMMISSION\nACCRUAL: ACCRUAL\nPOOL_SHARE: POOL_SHARE\nCARRY_OVER: CARRY_OVER\nREVERSAL: REVERSAL\nADJUSTMENT: ADJUSTMENT */,
    "figure" VARCHAR(16) NOT NULL /* COMMISSION: COMMISSION\nACCRUAL: ACCRUAL\nPOOL_SHARE: POOL_SHARE\nCARRY_OVER: CARRY_OVER\nCARRY_IN: CARRY_IN */,
    "period" VARCHAR(7) NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "project_id" INT,
    "reverses_id" BIGINT,
    "rule_version" VARCHAR(32),
    "created_at" TIMESTAMP NOT NULL,
    "employee_id" INT REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "order_id" BIGINT REFERENCES "reward_order" ("id") ON DELETE RESTRICT,
    "region_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT,
    "request_id" INT REFERENCES "support_request" ("id") ON DELETE RESTRICT
) /* Append-only. An account is an employee × period or a region's pool × period; balances are sums. */;
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_employe_fcd1cb" ON "ledger_entry" ("employee_id", "period");
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_region__3a421f" ON "ledger_entry" ("region_id", "period");
CREATE INDEX IF NOT EXISTS "idx_ledger_entr_order_i_d95c19" ON "ledger_entry" ("order_id");
        CREATE TABLE IF NOT EXISTS "reward_pool_points" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "employee_no" VARCHAR(32) NOT NULL,
    "points" VARCHAR(40) NOT NULL,
    "share" VARCHAR(40) NOT NULL,
    "employee_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT,
    "region_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_reward_pool_region__a5e85e" UNIQUE ("region_id", "period", "employee_id")
) /* One backend employee's support points in a region's pool for a period, and their current share. */;
        CREATE TABLE IF NOT EXISTS "reward_region_total" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "revenue" VARCHAR(40) NOT NULL,
    "commission" VARCHAR(40) NOT NULL,
    "accrual" VARCHAR(40) NOT NULL,
    "carry_in" VARCHAR(40) NOT NULL,
    "shares" VARCHAR(40) NOT NULL,
    "carry_over" VARCHAR(40) NOT NULL,
    "points" VARCHAR(40) NOT NULL,
    "credited_orders" INT NOT NULL,
    "region_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_reward_regi_region__90c560" UNIQUE ("region_id", "period")
) /* A region's pool for one period: what came in, where it went. The row is the pool's lock. */;
        CREATE TABLE IF NOT EXISTS "reward_request_points" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "region_id" INT NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "employee_id" INT NOT NULL,
    "points" VARCHAR(40) NOT NULL,
    "rule_version" VARCHAR(32) NOT NULL,
    "request_id" INT NOT NULL UNIQUE REFERENCES "support_request" ("id") ON DELETE RESTRICT
) /* The points a resolved request currently credits (so a rating or a reopen moves exactly these). */;
CREATE INDEX IF NOT EXISTS "idx_reward_requ_region__88f177" ON "reward_request_points" ("region_id", "period", "employee_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "reward_employee_day";
        DROP TABLE IF EXISTS "reward_pool_points";
        DROP TABLE IF EXISTS "reward_order";
        DROP TABLE IF EXISTS "reward_employee_total";
        DROP TABLE IF EXISTS "ledger_entry";
        DROP TABLE IF EXISTS "reward_request_points";
        DROP TABLE IF EXISTS "reward_region_total";"""


MODELS_STATE = (
    "eJztXVt34riW/itavFRqFl2dUJVL5zwRQlXRTSADVF+mOctlbBF8YizGNknnzOn/PpJ8t2"
    "VjgQ3GKA/BF20ZPsnSvu//ayyRCnXrQ3ulTdAzNBq34P8ahryE+CBxrwka8moV3CEXbHmm"
    "08bySpNsv9nMsk1ZsfGNuaxbEF9SoaWY2srWEHmIsdZ1chEpuKFmPAWX1ob2v2uIu3qC9g"
    "Ka+Maf/8SXNUOFf0HLO109S3MN6mrk+2oqeTa9LtlvK3qtZ9ifaUPytJmkIH29NILGqzd7"
    "gQy/tWbY5OoTNKAp25B0b5tr8vXJt3N/qveLnG8aNHG+YohGhXN5rduhnzuTgmsNSRoMJ9"
    "K4O5GkBgdACjIIuPirWvTXP5Gv8EPr4tP1p5uPV59ucBP6Nf0r1387jw6AcQgpPINJ4296"
    "X7ZlpwXFOACVfiZg7Sxkk42r1z6GLP7KcWQ9HLOg9S4E2AbzaR/gLuW/JB0aT/YCn16cn2"
    "dA+Wt71PnaHp3hVu/JIxF+AZxXY+Deajn3CN4BvpaCSC8cCAcUNcS4dXmZA2PcKhVjei+K"
    "MV2XpIVsLXhwjlIVg/Vhl4oI0lefcgB99SkVZ3IrCrNiQgKFJNtJmO/xHVtbQjbUUcoY1K"
    "pL+sE7OMZJjn+gOjT0N3fIM6Cf9B6640n74ZE8bmlZ/6tT/NqTLrnTolffYlfPrmLD5HcC"
    "futNvgJyCv5nOOhSeJFlP5n0iUG7yf80yHeS1zaSDPQqyWpodnpXPdQio27CF/yibDPqUc"
    "oCRt39ulUZ9CMZZA+TzFH23tDZm8TFZiXoNnNcx/A6F8B0ETZ2/szkuQLQkkh/RibUnoxf"
    "4BsFvIe/l2woLJbLZd+7y5WO3uAxrpp/e7PJuxq846b86ksAyUmGUcC/HdoUhxGe/KNeB2"
    "NOIJ/JyvOrbKpSBHtyB7VQ7IrfNnlr2VrGr8iG/EQxIj+GfHVfflpBWW8wJSt6p5klV62g"
    "OUfmkoyxJAftNwlYjbYBoDvy7yzgUAI0B8iAAHOQJlTwDwO6ZmBa2VDB1xFupkJFs3AH4I"
    "w0c4nwN6DtaDN8oiH1/YdGbAD38TyGaPhnA4amt9O44UxYTZFtZDb+GZMe/wy1wq+Ovbac"
    "JkKi3JdEGeCflxMPKGoo8WSB6bHh16lc+HWcCVfhSjbtJTRsvBZi1iq0aOScxxk9iM3bn9"
    "9hBli2kJEEeAL/SkE4oKjFfM7ic7u/TyIsrjdzzx7av7+PsLn94eCL1zw00zv94V0McLI5"
    "ZM3sn8fDARv4JGVc6tAUG/wHbz/WMc7sjIEgmGQPRBzzmBBBOogPhLt/MlfyrrFeJjjUqB"
    "7Lp97fW9B47A7ue4MvDb4R8MhugXswNdqdTvdx0r2/Bd7R1Bh1f+526DXvKM4m5VIzXuXR"
    "MsaFwZCS8SqhY1zPlpq9nWomTltD5Uyd5HTCUatbDXSUUmhjjmGUscCL0YaMPTCdmWbRbr"
    "UAV2x8y9Zu4+Fb4ScyjGFZjF5AUweM983pyeq/1hbdexR7zWL17vFkXso6G30GdXxZc8g/"
    "uN3UakDuu53eQ7t/dnHTdKY5Rl9zNGLeyHxKWCN9yKjKZlu8feJThPucA+7QWsylakrQbS"
    "WYVwzcouVyTzPIB22MSmg8GMj62lU+aONkAtvNpqCwelsYgjYZgmIvb4oZiDmVCwC4F+6r"
    "pgjH3+EcEAeb1X4nccW2t7wIJ/b2ahkz16pmdw3bfGuwDJrB3WamsyhpJ0G/4WZr5moFDf"
    "UHZOhvt+B1gYCqqfhTtpv4PzTwf81eAHsBgQkx86mCGZzjqUVNiPLchibDYFlIlwW7q95p"
    "T6diX/yp1fr48bp1/vHq5vLT9fXlzbm/dSZvZe2hd70vZBtthoXJzVZIfgVZbfWfNXZOw4"
    "sKa2tP1475BLWwzJWtE8NoaSzTZya+Wo1Mn2UDjLdIzWbwTekABxQC4NwAM+XYTRizpVgB"
    "Mwtmh3dKYpxuqg8odjLRV1MI2JuFnjKqPLD7BAJ1PtQTOpzDyGd3CHfR8YYzIaCFbzezJL"
    "QZaejNi6aI6KuR/6WI6PM3uss8AX2X6fF8lwmLDl4aNDZPnDpvwyRCJc4wN7xqK0nXlhpD"
    "Yk8FNUIjrGNJUFcm+hdUbD4LTpRITNbN9hsXsQI0349BT0cGcV7Nd3R2RdTenfa4077vZm"
    "m9Q+G+svXM8Eq9c8k+/zKCupyy4rpgT3AXNUL679JZzu4LpE9jc5zO3RwMJ/Qb8pgEACUG"
    "CyycIDOmzQc2wp+asgAkAMnT7TvS5Y+OHh/0bAvg5shUoWkBGbgT8Z2VZTQo7aFTQ1nIxh"
    "O0wJm1npHfPCMt1hYEmg1ki9okLIgnHF4v8GAs8e3UAKlk9FOwjPi6zmfcgjMKShgq9mWo"
    "oIPDZNc3u9h7tFVm3RuT9vgXqTPqtqnnfPhsatCzb4/3oXvumXuvPR73vgz8m96pe/dh+K"
    "t/ix671zvDh4fuIPQ879y9Pwo9b+Q87aH7cNcdSe37e3InfDY17obt0T3uZPC59+XbiNyP"
    "X5kaj6MhCQmQOv3hmLSInscXmjzCSyuPlq6VrqVrJbR0ZOPkYwhDFILJTjLZwshYS/d7oc"
    "0W2uwTQl3h9vQMk4h9QShfhPLl0KtFIcqXHJ41wqEzgWx4MayUL+e9n+ihwVDchO42sxQ3"
    "arSdsBMe0+LZzFA8KHiseeyEXvvaZUr82MohaH9spQra5FZ0/xcm2HKTqtZeZ/Z5NBxM+r"
    "1B9xb4h1Pjrt35pTsg6ifnYButUvHZJ0Ra0HTo6+V5zeEDlYxw29FiV8Potii/bVmYryZs"
    "VkFAtf0O6wqZY1rbDa0h6aOuAIVzS1rKAi53fQnHtJP6iHLRLEpeFkvJMuSVtUC7voljr8"
    "Ox219d55m1Xq2QaUu6ZuzqmDF2uurjnuqOlklM/NbOk8zpbeR0Vl/MvCxlArXDeQLda+Rb"
    "zdbky35ZaypssPRKiUbNvPmP1RCp9OTTbnYVAoGS6p0FzpDpRvfSUhrg3X+9awL4As23aD"
    "t3UN4D+iiAvwbNZqwgOJ9rioYbgZlsqIzQ4vKfx8yFTLuXniEN/1pqhpuIJ54CWajR9qlG"
    "iwxKXoVPhKjKmohttT6FaxmC6Z6AOTNpVYRu53xVVUM9A2UvYRVPejAyhhaetNwgh+lOMC"
    "nYFQ/GZEJug3GYTmCcibEFbWY6mowF2aeo4WpcfLwvgWuLXMM+ldD1VkXXy3CI8+WICsS7"
    "+mpfhqQRVgmnCxjhDGubRYnJApKaJBYywEpfO774gWoWaAZh2xUIbKTKb+BMhQYRXnTNgi"
    "qYm2gJvocUud8pj0/mhcWoqFLuo4S1vVpigp+6zkA8+1KMTNjehe39wLb39AjojAI/6SHQ"
    "AucUnGeyBSVL1mWTwchmSgoxylMUei9azVZuacGWzSfC/iODVewkE+o4qcB6A9YLzYQS4f"
    "LZsgMb5QhRluhQM4Ax6x8vjQTlF378olQ7AnhEmoMkfibS+Ypx+wR7rGGEpbXPnxt72bmK"
    "1wyssFDyirDYx1uOO0FYh4Iaeyh+Ltzv0tE/TpVMnsSn65W65ahHKcWoV2XU0xRxqcU/OZ"
    "Q0CToRXcYs9PlEHA+4kI3QiFDIjSF70WiiHWPLoiFMRzZ784aXJd7dHCUZnFlZAMIjv6Pj"
    "msV5wY28vtzBeyHv7ZUm2egZGjv6pbVX2oR0U6P5HNvA3CKUtEDvzmB5VX7rMTlTfbf3i9"
    "ZRTqxQerEdcYomNKvhzBKRJtyQmZAu/jayd34NPdBGtMsJ6bGuqOlQfYImLQOk7Rp50qd9"
    "+aWHavhaimimTTsiQrq0QtrO69Yj7ujR76eOUKFXAzNZbsqPXdGqXWoUZqoeWdeRQqEoBq"
    "+231/dkVtCkqHUWmirYpB7oP3VFTUTvmABT5UsiLmmnSfbyOlt7HRWV8xEZOausYaybcvK"
    "ogCe3w2ca/v91R05BS2Lg63jdFZXzBzJ8nBBmsfI9ovI1l3eziIUPlHE6q/5wVNtfxUUjh"
    "EmmvS6mHWfoFTzRZ+ihX8U7qgAsEa0ozphtY/omJAGNiNOJqqn3RwxI8lRAq6SHX7djMB+"
    "+aNjbfvR8wb/cSW/uZEscD7Hkp/2AiVy/h0gI7OgdzG9M2Psw+FCUToRZ3/YAJroYCQATn"
    "d/TVKetA+xCOAQARzVna8igKPaWJtQttLWjs3JVwPqKq8ija+9UfcWkP9TYzJqD8afu6Nb"
    "4B3FOZNcK0zhCVFMqBCT4TYuwDFS4QNcFR/gPJ7fwge4TB9gX/bhwjZGJZAV3tXlgZrhXR"
    "0WXnf0/K1hvuVmzPk39tZurokinNeF83qFwN3NeX0feknHyfFefmtkqCWDRs0sraTrg+m/"
    "tKpLkCulj6woaE2TcDo+nIDU8MXXoaECNAdQVhaAZNnRbLBEL1AFZ+QupYEmoTJxSyfJJ1"
    "rbwIQ/EAYTDyJwvRtT8vvs6bmZmkxv+4SmhpwtFiO3ky5TFAcm9/ZRHFiwo2Wxo8HrkFsH"
    "6lNUWXexpQY0CzxPPXGdqp24jisn3MU5r4bebX7SankDsvQ4WbpLl+IwKsvzA4Dm6SuvOP"
    "SV1Gt8m3yrUUIBchzkhBhaBVbTiafZyGz6YTf52U3bJ9nIcI7WhkFYNJflw3weSfPu9YS5"
    "Opcr9DPAOzsLOHuGK9tJJO/wiGmcZRkP2GgMd7c/wTgeBeMo2Jsy2RviHKb5Lvccm0qUUG"
    "wqWTs3XsTMtQMDB8IhKgFvFryC3yyH34QG0c9IWy8R7A4E6ILJPzDIiglVjQQqpEUqp7J2"
    "DMr96aTKgrd4hZTz3nOjmyQU4CaNzy/QWPOuDiEqsTRkLQ1CTS0M/BU0kGYZ+A9tIu3hRV"
    "uRbWQ2GNqq4GYzb+1ELUKySUeVDrWoG1KtsAcFqVzlLLz2olJITInDrhQi/ZsrSXWIpIZa"
    "slLCIChkkCvaJEQiUM6HMv6pDHVOOsRe+z2mtW/sB93CHe1VzSThY9sHPUQ6qPKEbnztff"
    "lKIh2cz6nRH/5GTulH3AqVZzBucozFTepQ3CSqDqK1qaTshpuHIaCu9Bg8tAff2v1b4HxO"
    "jfG3x8fhCLdvT3rjz+3OpDcc3ALW1VDbflsatSfdUDv3StDm26TX7xHycHehi3j0e4Nfuv"
    "fSqPuFtomcTo3H0fDnbmcitSeTdm/w0B1MbkHy2jazpvidXtRISIe+XpEyHF4J4ezNIr/u"
    "hiwPSyhbaxMWkBLjIeiprmBZygL/PknXjF3Tno5pT33cUZ2wKlOvEk4Uy9CsxPLIputWQs"
    "lrc/qZh/JTfABtw3fC0SwgG753Dpiuz8/Va88lB5lABo4j/zsLEHNUtME/wEzWCTuDOzEh"
    "sNZLKzMzRvlP3qwgSnM9x83+jIV0hW5Q8wW5/k/hUlRJl6Jn/OO35b092kpz3p3hw0NvPK"
    "bMbnA8Ndqdzoiy5O4B5n2Hw740xswm5rCD46nRaY9Gf0jDX4nQFBxPjVEXf4xJF94R7vX+"
    "52/jicM3B8fb8MvFi7xz7WnNsqXnG+yA+kSH2znuDbyrvUE1hlU4BZbpFCgvyabLaWIOiE"
    "4y8wiXk4+bb5rLzBQlEiHkbNcI04IWE9cs7ipGWCNs98JohUZgrUOJYMmZlCtOV7+CqUIT"
    "WI31ukqaPw+TzCQ5h3NIqtr7VPBu4UvpXFtFmKpGqO57nxAZdMpgf2jab15Uw0QC1or6LV"
    "YM42LdFkXKnJJS5iS2uwJwzVuY7UhhDe/vuaarX5xiR1zrWiIkOW/DG06lHJnD9lyGwS1m"
    "7s3nzLyMEW22vQEvpyl4kfU1JDHxsgF8p2g/Et5az4g+CJx5i2wzlEKe2MScFeI9plZ9Q5"
    "iykA3823F3SdPbnh48NVa6rEAnP5S8VjUb6OgJPEO4sgBRxLyBGcTPgj/Kcxua75vAQvS5"
    "Jnol3XnPb4a+WvCk9AwAEbfyQBvs9iZ5dh3vXEsmCPgzjYzPzncqRr7SHMmF8r9M5X/8hd"
    "jKQTHWR5VRb3QfHvvDP7rdW+AdTY377mN75Jo0g2Ni/nQ8CJ3PatjCQitW/rUmSiQC1hjy"
    "NN0FOY1gPs1J2sBump/yJ21ANlc0kNe+fqaBy1xRFJcZURSXySgKZGpPGpcNJqCo8mpdGf"
    "OLX3lgxsgPmGHpipLVEOqrTzmgvvqUCjW5JepDnKStyxfR+HiZOJngZjarsSPS8I6qq0iM"
    "95HBnFdtFZ9jVVVc9ZZEi9jIVl+5jZpbKLEkLaDdqMsaGhA47YG9kG1fCWShJbQXeFhuaf"
    "bGuaaTVI8L2Vo0wStpqNlA1Ui28AUiB/g86SpedOciXUC1tDzWQm5dXvHwVgFFWWzV4XIG"
    "FM9VkRdDoiccEEeIasi8tnLJYq0MWayVlMX2rq+stLhbsLrSRK88Kca85oJHZGi8XMdADj"
    "hDFAJRBqLrlcqJaIhCIMpC1HAZPR5MwzQCVQaqDiPNrc2KkdWQISie7/Ix49dmxUhrqM06"
    "3RwOZeoHHJ8thk7Ad+baWD3Cdx8rNSFfIt4aKcraNPGMTw28djLyRu7PdKQ8kzyyUV8jy5"
    "bttSWCsisalK3oGtEvpbvlZ2QKTJLWLmlg8RuRsrZstGQ5hWYgHaKp4W5fivhPAWJivNmR"
    "xqOtMtaNQfe3W4D/EfcY/OEkB6AHcaXtYRxkRDhzueHM/ibNz9HGSGvI0R4JB5vLPhvnxj"
    "g2DgZplde0aug2XY51y70joK6wOaTx2B3c9wZfboF7MDU6o+59b9K9vwXeEclDMuh0+316"
    "0TusxuYSlT94WKk4oVD1b3gd/OIrW4W8h0kL2GcqBnydtpmDZpGo9gZTQhoJvziXZMosl9"
    "ycVQB96lNkl2+aV7zFAAleGuIVSuK0AuxssI+6vOURiYBHWuHyiBA+siKXR4Ss8OQXnvxV"
    "AL9OLLxCNBK6vp2sFqMVwlr1R1oyoWyxmKwJ/CvNdSxOWAf9R9bIdn+fRAbVWyjPHtq/v4"
    "8MbH84+OI1Dy2snf7wLhFFaaSVkUkLo2SHctRhvypeOE7xJMjpdpZCLZJsJf3PggQifBAn"
    "6IR3HwNdUdS2vJx7h0hkWEdUM2IVRangEGtRi5x7x4otb9K9YHsqAN37SGc1RTixoedAOc"
    "5nFYD1qWTjS2FRuaObQ4u1gb/ZrsXCYrWt6oF9qcXCHoNw7UfHo4Dh7p1s1MwbAh64KeRI"
    "YWgA2bKgZdGEgA7lLUAraIAzJ8Hfq6nZEMgztKbh2GQSWsBeaBZJ8ve+SQK3DXoVYkLNto"
    "Cl4DdYwSg5JbzmJvo3ZKQw3NODp8aZZcgra4FwixnUMSlNQWggGnge9O+EHZHaZW9giTsS"
    "geYVDDQ/fDrBCrmZF+yy47xKWyiBI4RCA1xlDbA7VHzWswhRHTS/pZvORGmdval9g02fY7"
    "uNEu1Pr3Ne4W23IvGPjwjpj8j/YXGuOLibyQ67kZCkviz+57fPlQWJ/A6IOURPOfMOc5aO"
    "iAmcroBmJIrYzmlhW4fZaFIGE/OLmgmoJz1mcC380kN2YqSSn8dMsB2okQL+yFfdxXNpiy"
    "DMSgZhHp4XrtTWUjA37KtmDYbjZzrEMbIa4lz8Fh4s0BwecwHRYZzmytrKc3jMtc45vGrp"
    "RsCJrU9zctByOSMKU60w1VYd1QxTrTAllmVKFEZwHnTzGcEPJI06hbwbLFHUvdXMNMuEGu"
    "UoJ6WYyLJ+CFVocunB2XR9o8Kb6fqnc/r/kv6/uf5pur6+ghD/h8qn9x/Ad1d79B3M1suV"
    "BZDhlWlCGAvXpHJGBccfvL6Jeo+aVJLiaSW+kbDBVMsGw5uHtsYpaC9y5aC5yMhBc5HMQR"
    "P+ZgmY0320Y2T7Q7vR2D+/XoqDdtVTODCgb3cmvV+7nAPgUt0C55NU0OrjzxHJ2OAfTg2M"
    "0JgmcaCf8b0h1+tRfP0sW6ZJFZkxohjcFHk2QpVloTzCFSlLqm1PunEveWSsLaoX59QJRA"
    "lPMlDxE4duwNJUKFkr3FCam8iwdc3g1sKkdHGK2F9xVCvDTLiGOUzuVSJOt+M6UTE7LN8y"
    "geUUkrvAkm3NmuMT/qD8lB52nrxHBKufAyH/3HVRM7GIZHAXNEwSnyDaXKu0oiNru7jXMK"
    "Fweaqyy5Ns2/h3sf36s1+nCOEJvkqt8+bFTe53yWEQt8rfGSc9Qay5li3hX7Y/47Ss60iR"
    "2QzQz+PhIGXtiFDF57Om2OA/QNeOOFqFhS+BI1spE9e/xJZ70kFcKeNWrdkuj2CIsoZJSG"
    "pWgCGSvfbVSMksn6q+D5MI8+9m8y/FS1go81gow1Nrh3A7Z67uGG53R8xmHWfW1wfxqPkc"
    "y68sfzBumLov9QrATWFMdoTKNWS3IyxLHRF7QrJeDFZf0DErWrNRWsLlDIsIheD0QPuqK1"
    "K2bD3viNMEd1FXeEha1t0XcoJQx+mprkCRDMHGUwE4jWhHdYJpD75doX0v3csrujlu9PeS"
    "ovL/ZtevycKLVweOGgxAWVkAZy0GmgVWsqaCVxLxTgqle45SVA1tgbOV/GYiXQdEICQx8t"
    "CCDG+ush7CjDAKeb4VE1gk/LZ2LdKuqVvXtvJoq+zD1fg8Gg4m/d6gewv8w6lx1+780h3c"
    "3wL3IP5aHMaRRdS5qrGKvGrgll6Xoipm1KoBfyQa2Vx2VBHtVFa0k8c0cgEbJRK4blZ4hz"
    "jSHVXeodCPI4M4r8Y7OrtEyNPphTxRFWe6QOxpQDeLwk9ey0KLkUcEzGc83EK4PKhwSYeA"
    "yWdvFi492irz2g03MOIPP0Tij6kxbk96488kimI4uAXhM1Je+dfu4FuXlFemB9UQO1/xUr"
    "zgFTsDopMUO885/Hdt2cRrlOS5iOd1PY+RnbLnuQvFi6xz+z/HSU/RjZAnUELIHULuqBhj"
    "nCF3dNrjTvu+e2C22LVopzPGgcl7M2u8DNputBCNNRUSGw2xzDh07ywQissnTBQJrif3Vf"
    "mNfL6BfyHNgGoTPMOVDWSLpDl+la2kZajozoVFqDILUxbTLixCFbIIRaopSBhS8n5xTPpU"
    "erFHM3SuzuLFGSEaITrpMHJhDBDGgOrjKpjyvTHlwhZQR1uAm9mPIe0EOf+yknA/5XWA49"
    "L9C5nhgDKDgtJkhhQXD1SknFCh6ivFu9GIxGrlJlYToaTp6NcrlDTB+OUJz/M24h0d8TlY"
    "lmraFzaEnVkW5uAKCOzwcGr7HdYUMZ0WSJREscVcaCFT3Tn6bEj6OMJVOBdAsZo2O8ToRW"
    "rp1BEqtwqQjWx518BPR94Z0Q4npL+6YuYY0QtBa0K7qitQbo0mSdeMXaNA3QrGfdxT3dFy"
    "axcXA1j+ks9Hg1n52pzwGpaq2IktdBsLrbkVEmyfIEey+2RBM2RAvxLw60K2gYK/G9CMJg"
    "lKNCG1MGM26gMgkYwmevVM1qQD3A9JG8/KYV/eg/LVVhP11PLprEQ9tSqpYAqup7ZdStMi"
    "c5luBfex1KIiyRY0ix3tmIlwlFCAnJ2dVzHXMm/m9BCVgDdzDsum+SaxnF6yZ3CITAC8sR"
    "Ygb6HFgEiAu3n2ohdWUr0c89cjFCBnuqyLUqHllQpVTKhqtE5Kig42VRBhUIqi6qKo5QH8"
    "ukRRy7x+R3mKWh7S68jVHqeqqALt8iYPJMkOmm7US40ciRM4NADNgewqkGKaI3D2B/774e"
    "GBkWlr2072oE86FWVSaQ5QQk20BzVR6JXl1xaFiE8yYJmHoRZMiWBKjoIpOXD4p2tqdP0l"
    "mExJuMEGrsS1mVGKkC9HvjyhTnvKUVhIf4EqcHsCyto0oWHrb8ARyCxwZiHSkOaFBZjzIE"
    "RoBQ2wRC/QAvAv/DT9LTNjaLmP2+ze/WdsvfE307Dj/D+FTa2SNjWxvRTHkgoWdD8sqIht"
    "LG3eHqP29rDMPJcCVyS93WO0jse+ce5tYaJiFokqsBnFSk48LH5iQJKjMTTgBOF/OYWs3Z"
    "0LDzoi+UWt8FTMowDeUYB6Qc9QHUPH14QpQUVaNLNFKNpWskKNc7gcus0BiTjBggxa22AG"
    "54h6/FnAxl0aWEhZaVicuaUOf84lzcJyzHxtYZK5iZbkjgGQ0QQQL5pv1GXwAxihV1JBwZ"
    "kxMQ/EvTx3anx3+rAk2f4OlvIbfghYrU08HuCM2atseY8FsvH2Kr/lFcqEynmveXqc6cPc"
    "atJ39ShV7eJvrz7l2NGvPqXu6ORWjPH33x4Gi5oZHxql3E986AH2lKqHg3ogZeax97YO/l"
    "GOUtYwCrhOwyyk+D0ZN0S2Fx6uOyvby4FNHGNlAemQJjhz904mR76CJmZol2SAJStov5Ep"
    "/21BTAYOBcDd6xokHPEtvhhktGviM7xAaISo6RgWvFPwqtkLzYg0/wC+WwpaQekZvn0Hzx"
    "CurARTvqfnTg3i7OE+BmMEaANwFkquqRHmWw09591/vaNuIpglF/x4Jflxb5C52PEwUe24"
    "8YurXAlbrjIStlwxvH2dV4LL0hGi2QrliiVN2ENenNrXbjimNLAiCZRIAiWSQBWRBCo1uT"
    "IHR5Sg20oirNqWUq5AGGBWgEh4H+nsuHDOKxMmJhm3N34AvmvF3TW/BpVXfg0swke2kh0k"
    "vYYDWl8zMmRoerfJJ0eTDDP5hOl0fJiBBSGLPx4nTZFtZIrggsMGF6RKPOm5v9MFntPVV4"
    "qaZzt5HfFEEGwVqXHiERo3HFW6/KWZj3ONk4mlgbE0uDsgH7JRIoHrZokg1SWRWxyoK2Ma"
    "FwmicyxH/eWAgdsd5F64r5oCHF8eKxUAHZ3lqcJE6DXgkidCr2Mep7nVeqZr1gKqwCW8Bd"
    "pyuaZP+AfQaEizAh0Pte9wPoeKrb1AiZx/B2eyG+n8HqwNW9OBDLDwCU2vL1a+vvIfyBSH"
    "AqulB5CQhQ4pC6XuGpt2ZrEtp7A70XeFx8qQpKyhvaHgOCL8LJvo9BayteDBOk5XQ6SL99"
    "0UoS/7LFSDWOXNJ/CvlHXZa78/cBuNcvlLpk2s+/skYg7zIDx7aP/+PmIS6w8HX7zmIcg7"
    "/eFd3AXC44WkGZe3SZyuhvO6+EUkAI3fOhynFfbhY7IPu5IRFx8foRH85mY1UCBgFaIFOk"
    "KA82onIlNrB2swsRwWYgr27JY1wTv67hvyylqgnWtSKHgaK7jx2O2vPg4LJZvN47gxFV4M"
    "cPMqvVxSyQrT5kq149OSFH7Ekdtz33f8s2khCKi6Cqemn99GtmgFCfwh2zSck12ZopQnMF"
    "VbyaQ5Cd1WuFHUIYUvt45Qe4n8ghVWyvgVaniM1R7Nzrbqaq73Wabq1nnz4pyjCgWczzVF"
    "Y/r+bShDEaE8QaSvOHwCyOKRBPjn8XCQ4sbqto/Dqik2+A/AcusxSisZmBIkslUxca1LMy"
    "pSkg7iqhhnK95CNRAhrKFe4Ej0AB4mFXYUr9rIFm6AEkHZJSEbNe1vpcgqwK+pYruuiHyv"
    "kE4rK/Kd7dN0uECSY8U4byRJ+spRmHY2v49exRYNTh1tLk+9A7mROYns2rYtKws681matU"
    "SjZpZmzavjK0fbb9SmPS6QjQB80VSIJ08TWDYiWccQPqFpEVynB0CcHsAaj7xJ1VpEcAFz"
    "pOPzpP6soD5FdoVqKcCshdy6vOJRgAUUNVSAFW/m9hyMKEocMMfpagh28b4ylvZvBsjpvL"
    "jbXAg5DCFnrulQ4k2QECGq4ZRt5cqS0MrIktBKZkngV3IJ7dYRaLcqk7P60G9QwQvTGou2"
    "MuYn+YCNUQlk81RSSsnxzS+l7pzluxrr0i55vv2Eg6y5LLRaedCNvcNVlP87aLlB+PdaNP"
    "NI/kqocaEJKYTQfUChe4ZUhn95uku/174WDPW+nfoFd11L7hrfXPCmaYjQCA6QWTZdyCxF"
    "4So460Ny1s67LvjqPNhG1sUqctV9zXhupLPU9HYuflr3Wm60oZFoBGiooYTjYLpuXfz0ya"
    "str9nA7dVq0vzkQAZOIitwNn7sdnDz83P5+oJR6bXgvple6FF7vlsUWeRYOCTbf5S50S72"
    "z4t6Tro8ibtEpuH0aV3fSFLhQFquMCDqSdc4gXPVgC7G744pDLjsz+4Aj/yOagpu5P2tVM"
    "GkqKCbLgyEROHN8kBIEC9Vv/5nctbiqWavrQZu+GcUdWs9W2q2y5KIeNC9suiKToLipCw1"
    "WIbLFou4dsWHSnCRw0A8ITMl5c7msjhh+iqbSBqTbufroNdp96XxsP9t0hsObkHy2tT43P"
    "7Wn0ij7mO7N7oF4bOpMer+97feqPvQHZBr4y6B9Rawrk6N4eRrF3dAP+JKiMM46K1MDZma"
    "vfVQh+krPdTfRl/wWNwC53NqfO19wcNE/k+NwXCExdtb4HxOjf7wt1uA/20zRMXXRLI1W+"
    "fy+fMJqjwgVfL3C3+zBM7pVuAYWS3Q3rcxWFlbNlpCE2/ShP/bTmGU0kcNVUdHoirKZTCO"
    "sNWcQx6nFUXHqzzSuKsV/nVQUrFQtk3l8QS5eLWrPuB49AgC2w95sgMx6NUedJGEeI+BVY"
    "6yignzZqktoC4L7AK2ysb4291DbzLp3t8C/3BqtDud7iO96B1Njd5AehwNv2BBe3wLQidE"
    "OsdS/K+ktXc0NTrDwefe6IFc9A9Jy+Fjd+C0dI5wy/ag0+33aUvvsBpCoawocLUd7xQjLW"
    "BVrWYMey0WVfymbikVRSnFKFd5lCm787LVMMdIxThXeZzxT5tr5nI7LUeMVox0pUea8F26"
    "vt1Ix2jFSFd5pE2IVtDAw7dmeYxk+OVEyfbnmnNelshTtLeTbJPHJSAdL2VdT8fVp6pRDr"
    "ePresrH05ykoXk+KHd76fBGQ5gzGvnSFJuJTVWDNp9WzpCKi3eCkIMUjEC/CNA9kpSE8KT"
    "y/Mv1gxKsV7HFxgfpAWUudx0EoQ1qJRVtouObFnak8GbSzZGVaMdsrBZLDzYhQf7saHqWc"
    "M5o6/jZALbTGy3XRkyehCI56ib5sGXhFyEDjMS88Ze6jw5kBkTtACwTyL2JePlzoG8CIPZ"
    "PQxGZE8/XPZ0T57Y79JcMQkkd1KHqPC1S2FLqD7hFQcPlantWuGyT/vq4q7e6gN9ZJLO3A"
    "pEyFShuSNaQ9PNDVhDnIKk9rvWAmUl1a/Jqhkz5y6LgyuUhrCOWHlKvkKwckNKuy81A4wr"
    "XjcUxIWQLikmVDUGt+PBOzTgBOF/m0F20X1Emju3a7LY7RTg7My1jVHO/pTMHeosQZ9kYw"
    "4kPHz4p8iGpZEr4AyRMh902fgxWL3fA80AdLP7B4D4GjDRK60CAi1aAYTU2Z3BOWbQwJkt"
    "L1fQ/MGpImIzMiPt5YnMfEmhSHCLHBLucad0SXfa06mEY//Uan38eN06/3h1c/np+vry5t"
    "xXyiRvZWln7npfiIKmGTZL5Khh4o1XYgzSlWQhEqEVY+gh8brA6VcfUNTQo754j+q5iZZS"
    "lls9G+UYWR3s8qUHNKMtcI4QiQmdK0TARqaEfz1klPzOXDbCZDWEugRrvEhpXUfXTl4/Le"
    "GctUMigAV+tESEBp7FKkol1qo8axVd3/nchkIkwmdIJGk/kCeASNJefpJ28qYLa14ea15o"
    "TaxUhvaJbDFTs9PrzSzFpO212KiHbAMFf88P4DvmuKhi8DvQLKBCw4Lg7PzDB+OHi/c0Tb"
    "pGUqdbwFn1/gG+u2H+38FsvVxZABkA4ktvAO/jxhMEaE71hbTzhCpyXw/NkzxyZaJ/QYWu"
    "HO6K7rCf9HuJHJH7zRHp454f2jCJ2HqZzvwi6ZxIOhdGu7RQiX1LmiShEFGwsFU2KaiHaL"
    "KUNkfL77DQJzqYRNoZZL5JK98ynNe6EyMTwVPx9TY1b1IqpukZk0qEs6ziI0XDKaqPbLXc"
    "HpuCdr1StxzmKKUY5koPswh2LGuZpGDxwRqhEbITA1VXOcAHa5RI4LpZHRzSweyorXwMej"
    "oyiPNqK6Oza7MeOFBq7QjtHZJNteP3VlN4I2uiiJupatxMMf76RJFec2d9J+NPATiN/GxM"
    "dYGpbNONN7NSLDihiZdtyAmnayq1kpawdezT1jFDKqNWT7q62GtfC6383n2ShBbpJNQL4W"
    "rreZULYRohrQkpeG+40s2dC9QQhUB0s17Bc4PZUTDz/G2ODNy8UlloUm1WJwhVTXmqGmcn"
    "2q8m4VixjezalfPac4XlFMkvEKU3CH5BBuQ8jnxLuJxB850FLqbr1vnFx0vg0BO3OBmoJH"
    "SX9ArOyNEKmuQ2ifN1W8lPGG5gwpUuK9ACGiuGuKyHMMOGvdWb9rBbwLAQVncUVg+Swbtq"
    "a1OBKbyFPLppB6iFPCokp9IKCvCmSA2TCEyFNCqk0Woy9kIarYg06rDduyN7AsJoeG+plC"
    "zahqamLBoMOdS908ySQeWgjTA7HtMm1MyQ5LYo61vvir6ty8s8IUGXl+khQeReLDQfv1Qc"
    "CLvNa4juRa6Aq4uMgKuLZMAVfqLNzAf983g4SPN19UniMrOm2OA/QNeOOXycBS4BI9uQHr"
    "eZN6MSMOngjsXT7nMz+/v/AQMIz+s="
)
