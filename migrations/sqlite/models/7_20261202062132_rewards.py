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
        DROP TABLE IF EXISTS "reward_employee_total";
        DROP TABLE IF EXISTS "reward_order";
        DROP TABLE IF EXISTS "reward_region_total";
        DROP TABLE IF EXISTS "reward_pool_points";
        DROP TABLE IF EXISTS "ledger_entry";
        DROP TABLE IF EXISTS "reward_request_points";
        DROP TABLE IF EXISTS "reward_employee_day";"""


MODELS_STATE = (
    "eJztXWtz4jjW/isqvnR6i+lJ6M5lMp8IobuZIZAX6LnssOU4RgRvjMXaJpnszvz3V5Lvtn"
    "wR2GCMuqqDsXVk80iWzv38r7FEM6iZH9ordYKeod64Bv9r6PIS4oPYtSZoyKuVf4WcsORH"
    "jTaWV6pkec0eTcuQFQtfmMuaCfGpGTQVQ11ZKiI30deaRk4iBTdU9Sf/1FpX/7OGuKsnaC"
    "2ggS/88S98WtVn8E9oul9Xz9Jchdos9LzqjNybnpestxU919Otz7QhudujpCBtvdT9xqs3"
    "a4F0r7WqW+TsE9ShIVuQdG8Za/L45Omcn+r+IvtJ/Sb2IwZoZnAurzUr8HMfJf9cQ5IGw4"
    "k07k4kqcEBkIJ0Ai5+VJP++ifyCN+1zj5dfrr6ePHpCjehj+mdufzbvrUPjE1I4RlMGn/T"
    "67Il2y0oxj6o9DMGa2chG2xc3fYRZPEjR5F1cUyD1j3hY+vPp12Au5T/lDSoP1kL/PXs9D"
    "QFyl/ao87X9ugEt3pPbonwC2C/GgPnUsu+RvD28TUVRHrhQNinqCHGrfPzHBjjVokY02th"
    "jOm6JC1kc8GDc5iqGKz3u1SEkL74lAPoi0+JOJNLYZgVAxIoJNmKw3yLr1jqErKhDlNGoJ"
    "45pB/cg0Oc5PgHzoa69uYMeQr0k95ddzxp392T2y1N8z8axa896ZIrLXr2LXL25CIyTF4n"
    "4Nfe5CsgX8E/h4MuhReZ1pNB7+i3m/yzQZ5JXltI0tGrJM8Cs9M966IWGnUDvuAXZZNRD1"
    "MWMOrO41Zl0A9kkF1MUkfZfUMf3yQuNitGl81xHcLrXADTRdjY+TOT5/JBiyP9GRlQfdJ/"
    "hm8U8B5+LllXWCyXw753lysNvcFDXDX/dmeTe9Z/xw351ZMA4pMMo4B/O7QoDiM8+Ue9Ds"
    "acQP4oK8+vsjGTQtiTK6iFIme8tvFLy9YyekbW5SeKEfkx5NE9+WkFZa3BlKzolWaaXLWC"
    "xhwZSzLGkuy3zxKwGm0dQGfk35nApgRoDpAOAeYgDajgHwY0Vce0sj4DX0e42Qwqqok7AC"
    "ekmUOEn4C2o83wFxXN3n9oRAZwF/djiIZ/NGBgetuNG/aEVRXZQkbjXxHp8Y9AK/zqWGvT"
    "biIkyl1JlD7+eTlxn6KGEk8amC4bfpnIhV9GmfAZXMmGtYS6hddCzFoFFo2c8zilB7F5e/"
    "M7yADLJtLjAE/gnwkI+xS1mM9pfG73t0mIxXVn7sld+7f3ITa3Pxx8cZsHZnqnP7yJAE42"
    "h7SZ/dN4OGADH6eMSh2qYoG/8PZjHuLMThkIgkn6QEQxjwgRpIPoQDj7J3Ml7+rrZYxDDe"
    "uxPOrdvQWN++7gtjf40uAbAZfsGjgHU73d6XTvJ93ba+AeTfVR96duh55zj6JsUi4140Ue"
    "LWNUGAwoGS9iOsb141K1NlPNRGlrqJypk5xOOOrZRgMdphTamEMYZSzwYrQhYw9MZqZZtB"
    "stwBUb37K123j4VviODGNYGqPn09QB411zevLs32uT7j2KtWaxerd4Mi9ljY0+gzq6rNnk"
    "H5xuajUgt91O767dPzm7atrTHKOv2hoxd2Q+xayRHmRUZbMp3h7xMcJ9ygF3YC3mUjXF6D"
    "YSzCsGbtFyuasZ5IM2QiU0HgxkPe0qH7RRMoFttikoqN4WhqAsQ1Dk5U0wAzGncgEA94J9"
    "1RTh6DucA2J/s9rtJK7Y9pYX4djeXi1j5nqmWl3dMt4aLIOmf7WZ6ixK2knQa5htzVytoD"
    "77Duna2zV4XSAwU2f4U7aa+C/U8V/VWgBrAYEBMfM5A49wjqcWNSHKcwsaDINlIV0W7K56"
    "oz4di33xh1br48fL1unHi6vzT5eX51en3tYZv5S2h970vpBttBkUJrOtkPwKstrqP2vsnI"
    "YXFdbWnqwd8whqYZkrWyeG0VJZps9UfNUamT7LBhhvkarF4JuSAfYpBMC5AWbKsVkYs6VY"
    "ATMLZpt3imOcbKr3KbYy0VdTCNiZhZ4yqjywewQCdT7UYzqc/chnNwh30XGHMyagBS830y"
    "S0R9LQnRdNEdFXI/9LEdHnbXTneQL6zpPj+c5jFh28NKhsnjhx3gZJhEqcYW54VVeSpi5V"
    "hsSeCGqIRljH4qCuDPRvqFh8FpwwkZis2fYbB7ECNN/3fk8HBnFezXd4doXU3p32uNO+7a"
    "ZpvQPhvrL5zPBKvXHIPv88gpqcsOI6YE9wFzVC+u/SWc7uC6R3Y3Oc9tUcDCf0GvKYBAAl"
    "BgssnCAjos0HFsKfqrIAJADJ1e3b0uX3th4f9CwT4ObImEHDBDJwJuI7M81oUNpNp7qykP"
    "UnaIITc/1IfvMjabE2IVAtIJvUJmFCPOHweoEHY4kvJwZIxaOf/GXE03U+4xacUVDCULEr"
    "QwUdHCa7nu1i79JWmXVvTNrjn6XOqNumnvPBb1Odfvt2fxu45nxzrrXH496XgXfR/epcvR"
    "v+4l2ix875zvDurjsI3M/97lwfBe43su9217276Y6k9u0tuRL8NtVvhu3RLe5k8Ln35duI"
    "XI+emer3oyEJCZA6/eGYtAh/jy40eYSXVh4tXStZS9eKaenIxsnHEAYoBJMdZ7KFkbGW7v"
    "dCmy202UeEusLt6RkkEfuCUL4I5cu+V4tClC85PGuEQ2cM2eBiWClfzlsv0UODobgJXG2m"
    "KW5m4XbCTnhIi2czRfGg4LHmsRO67WuXKfFjK4eg/bGVKGiTS+H9X5hgy02qWnud2efRcD"
    "Dp9wbda+AdTvWbdufn7oCon+yDTbRKxWefEGlBk6Gvl+c1hw9UPMJtS4tdDaPbwvy2aWK+"
    "mrBZBQHV9jqsK2S2aW07tIakj7oCFMwtaSoLuNz2JRzTTuojyoWzKLlZLCVTl1fmAm37Jo"
    "7dDsdOf3WdZ+Z6tUKGJWmqvq1jxtjuqo97qjtaBjHxm1tPMru3kd1ZfTFzs5QJ1PbnCXSr"
    "kqd6XJOH/bJWZ7DB0ivFGjXz5j+eBUilJ48221UI+EqqdyY4QYYT3UtLaYB3/3jXBPAFGm"
    "/hds6gvAf0VgA/Bs1mrCA4n6uKihuBR1mfMUKLy78fMxcy7V56hjT8a6nqTiKeaApkoUbb"
    "pRotNCh5FT4hoiprIjbV+hSuZfCnewzm1KRVIbqt81VVDfUUlN2EVTzpwcgYmnjScoMcpD"
    "vCpGAXPBiTCbkJxkE6gXEqxia0mOloUhZkj6KGq3Hx8b4Erg1yDXtUQtdbFV0vwyHOkyMq"
    "EO/qqX0ZkkZQJZwsYAQzrGWLEpMFJDVJTKSDlba2ffF91SxQdcK2KxBYaCa/gZMZ1Inwoq"
    "kmnIG5gZbgIaDIfaA8PpkXJqOiSrm3Etb2aokJXuo6HfHsSxEyYXsXtvc9296TI6BTCvwk"
    "h0ALnBNwfpRNKJmyJhsMRjZVUohQHqPQe9ZqtnJLC5ZsPBH2H+msYiepUEdJBdYZWC9UA0"
    "qEy2fLDmyUQ0RpokPNAMasf7Q0EpRf+PELU20J4AFpDuL4GUjjK8btEeywhhGW1j5/buxk"
    "5ypeM7DCQskrwmIfbznuGGEdCmrsoPi5cL9LRv8wVTJ5Ep+uV7MNRz1MKUa9KqOepIhLLP"
    "7JoaSJ0YnoMmahzyfieMCFbIhGhEJmhuyFo4m2jC0LhzAd2OzNG14We3dzlGSwZ2UBCI+8"
    "jg5rFucFN/T6cgfvBby3V6pkoWeob+mX1l6pE9JNjeZzZANzilDSAr1bg+VW+a3H5Ez03d"
    "4tWgc5sQLpxbbEKZzQrIYzS0SacENmQLr4W8ja+jV0QRvRLiekx7qipsHZEzRoGSB128iT"
    "Pu3LKz1Uw9dSRDNl7YgIadIKqVuvW/e4o3uvnzpChV51zGQ5KT+2Rat2qVGYqXpkTUMKha"
    "IYvNpef3VHbglJhlJzoa6KQe6O9ldX1Az4ggW8mWRCzDVtPdlGdm9ju7PaYrbWsBCkPOvo"
    "lfIUBfCuI9xlO9xjXdETca3bRmrKliUriwJmnRN22Pb6qztyCloWB1vH7qyumNly+f5CXA"
    "9RaBJxwdu8nUWoy8KI1V9vhqfa7upPHCJMNGV4Mes+Qanmiz5FC/8o3FEBYI1oR3XCahex"
    "RQH9dUqUUVjLnR1vJMlhAq6CJ17VEd/6+71tq/ze9aX/fiW/OXFAcD7HcrP6AiXy/QEgPb"
    "UcejG9MzMUBIOtwnQiS8F+w4/CgxEDONl5OE551B7YIvxFhL9Ud76K8JdqY21A2UxaO7JT"
    "1/rUVV5FGl97o+41IH+n+mTUHow/d0fXwD2Kcia5VpjC08kYUCEG100cqCOkwoO6Kh7Uef"
    "zmhQd1mR7UnuzDhW2ESiArfNPLAzXFNz0ovG7pN13DbNXNiOt05K3NrigjXP+F63+FwN3O"
    "9X8XeknbRfRWfmukqCX9Rs00raTjweq9tDOHIFdCJFlR0JqmMLU9YAGpgIzPQ30G0BxAWV"
    "kAkqNItcASvcAZOCFXKQ00CJWBW9opUtHaAgb8jjCYeBCB4xuakB1pR/dN1WS62yc0VGRv"
    "sRi5rXSZorQyubaL0sqCHS2LHfVfh9w6UI+iyrqLDTWgaeC56onLRO3EZVQ54SzOeTX0Tv"
    "OjVsvrkKXHSdNdOhT7UVme7gE0V195waGvpD73m2SrDRMKkKMgx8TQKrCadjRSJrPpBS3l"
    "ZzctjyST4RytdZ2waA7Lh/k8kiTf7QlzdQ5X6OXPt3cWcPIMV5adht/mEZM4yzJukGkMd7"
    "Y/wTgeBOMo2Jsy2RviHKZ6AQscm0qYUGwqaTs3XsSMtQ0DB8IBKgFvGryC3yyH34Q60c9I"
    "Gy8R7A4E6ILJ3zPIigFnKglUSIrzTmTtGJS700mVBW/xCin7vedGN04owI0bn1+gvuZdHQ"
    "JUYmlIWxqEmloY+CtoIE0z8O/bRNrDi7YiW8hoMLRV/sVm3sqTaogkS0eVDLWoulKtsAcF"
    "zbiKgbjtRZ2ViBKHXWdF+i9Xiu8ASQ21ZKWEQVDIIFe0SYBEoJwPZfxTGeqcZIjd9jssCt"
    "DYDbqFO9rPVIOEj20e9BDqoMoTuvG19+UriXSwP6d6f/gr+Uo/olaoPINxlWMsrhKH4ipW"
    "sxGtDSVhN8weBp+60mNw1x58a/evgf051cff7u+HI9y+PemNP7c7k95wcA1YZwNt+21p1J"
    "50A+2cM36bb5Nev0fIg90FTuLR7w1+7t5Ko+4X2ib0darfj4Y/dTsTqT2ZtHuDu+5gcg3i"
    "5zaZNcXv9KLCRDL09YqU4fBKCOa+FtmJM7I8LKFsro0i8pbd+T3VFSxTWeDfJ2mqvm3S2D"
    "HtqY87qhNWZepVgml2GZqVSBbeZN1KIPVvTj/zQH6KD6Cte044qglk3fPOAdP16ens0nXJ"
    "QQaQge3I/84ExBwVbvAjeJQ1ws7gTgwIzPXSTM2MUf6dsxVESa7nuNkfkZCuwAVqviDn/y"
    "VciirpUvSMf/ymvLdLW2nOuzO8u+uNx5TZ9Y+nervTGVGW3DnAvO9w2JfGmNnEHLZ/PNU7"
    "7dHod2n4CxGa/OOpPurijzHpwj3Cvd7+9G08sflm/3gTfrl4kXeuPq1ZtvR8g+1TH+lw28"
    "e9gXu2N6jGsAqnwDKdAuUl2XQ5Tcw+0VFmHuFy8nGydXOZmcJEIoSc7RphmNBk4prGXUUI"
    "a4TtThitSHJwgiVnUq4oXf3KzQpNYDXW6ypp/lxMUpPk7M8hqWrvU8G7hSelc20VQaoaob"
    "rrfUJk0CmD/aFpv3lRDRIJWCvqt1gxjIt1WxQpc0pKmRPb7grANW9ZuwOFNbi/55quXnGK"
    "LXGta4mQ+LwNbjiVcmQO2nMZBreIuTefM/MyQpRtewNuTlPwImtrSGLiZR14TtFeJLy5fi"
    "T6IHDiLrLNQAp5YhOzV4j3mHrmGcKUhazj3467i5vednTjqb7SZAXa+aHk9Uy1gIaewDOE"
    "KxMQRcwbeIT4XvB7eW5B430TmIje10CvpDv3/s3Ao/l3Ss4AEHIr97XBTm+Sa9dxv6vxBA"
    "F/JJHx2fmOxchXmiO5UP6XqfyPvhAbOShG+qgy6o3u3X1/+Hu3ew3co6l+271vjxyTpn9M"
    "zJ+2B6H9WQ1bWGDFyr/WhIlEwBpDnqa7IKcRzKM5ShvYVfNT/qQNyOKKBnLb1880cJ4riu"
    "I8JYriPB5FgQz1SeWywfgUVV6tK2N+8SoPPDLyA6ZYusJkNYT64lMOqC8+JUJNLon6EEdp"
    "6/JEND5eJkomuJlsNXZIGt5SdRWK8T4wmPOqraJzrKqKq96SaBEb6eorp1FzAyWWpPq0mb"
    "qsoQ6B3R5YC9nylEAmWkJrgYflmmZvnKsaSfW4kM1FE7yShqoFZirJFr5A5AB/j7uKF925"
    "SBdQLS2PuZBb5xc8vJVPURZbtb+cAcVzVeTFkOgXDohDRDVkXlu5ZLFWiizWistiO9dXVl"
    "rcLVhdaaBXnhRjbnPBIzI0Xo5jIAecAQqBKAPR9WrGiWiAQiDKQlR3GD0eTIM0AlUGqjYj"
    "za3NipDVkCEonu/yMOPXZkVIa6jNOt4cDmXqB2yfLYZOwHPmyqwe4bmPlZqQLxZvjRRlbR"
    "h4xicGXtsZeUPXHzWkPJM8smFfI9OSrbUpgrIrGpStaCrRLyW75adkCoyT1i5pYPEbkbI2"
    "LbRkOYWmIB2gqeFuX4r4TwFiYpztSOPSVhnrxqD76zXAf4h7DP6wkwPQg6jSdj8OMiKcud"
    "xwZm+T5udoI6Q15GgPhIPNZZ+NcmMcGweDtMprWjV0mw7HuuHe4VNX2BzSuO8ObnuDL9fA"
    "OZjqnVH3tjfp3l4D94jkIRl0uv0+PekeVmNzCcsfPKxUlFCo+jNeB6/4ykYh70HSAvaZig"
    "Ffp21mr1kkqr3BlJBGwivOJRkyyyU3ZxVAj/oY2eWr5gVvMUCCl4p4hZIorQA7HeyDLm95"
    "QCLggVa4PCCED6zI5QEhKzz5hSd/FcCvEwuvEI2Epm0mq0VohbBW/ZGWDCibLCZrAv9Mch"
    "2LEtZB/5E2st3fJqFBdRfKk7v2b+9DA9sfDr64zQMLa6c/vIlFUepJZWSSwijZoRx12K+K"
    "F44TPAlyup0lUIskW3H/Mz+BCB/EMTrh3cdAVxS1LS/n3j4SGdYR1ZRYRVEqOMBa1CLn3q"
    "Fiy5t0z9+eCkD3NtRZTRGObeg5UI7yWQVgfSzZ+BJYVO7o5sBireMn27ZYWKS2VT2wL7VY"
    "2L0frn1vexQw3L3jjZp5Q8B9N4UcKQx1IJsmNE2aENCmvAZoBXVwYif4ezVUCwL5Ea1pOD"
    "aZhCawFqpJkvy9b5LAbZ2ehZhQtUxgKvgNVjBKdgmvuYH+CxkpDHd046l+Yuryylwg3OIR"
    "apiUpiDUEQ089/u3w45I7bI3sMQdiUDzCgaa7z+dYIXczAt22bFfpQ2UwCFCoQGusgbYGS"
    "o+61mIqA6a39JNZ6K0zs7Uvv6mz7Hdhol2p9c5rfC2W5H4x3uEtHvk/bAoV+xfTWWHnUhI"
    "Ul8W//Ha58qCRH4HxByiq5x5hzlLW8QEdldA1WNFbOe0sK3NbDQpg4n5RdUA1JMeM7gmfu"
    "khOzFSyfdjJtj21Ug+f+Sp7qK5tEUQZiWDMPfPC1dqaymYG/ZUszrD8TMZ4ghZDXEufgv3"
    "F2gOjzmfaD9Oc2Vt5Tk85lqnHF61dCPgxNajOTpouZwRhalWmGqrjmqKqVaYEssyJQojOA"
    "+6+Yzge5JG7ULeDZYo6lxqppplAo1ylJNSDGSa3wUqNDn04GS6vprBq+n6h1P695z+vbr8"
    "Ybq+vIAQ/4XKp/cfwIOjPXoAj+vlygRId8s0IYyFY1I5oYLjd27fRL1HTSpx8bQSTyRsMN"
    "WywfDmoa1xCtqzXDlozlJy0JzFc9AEnywGc7KPdoRsd2g3Grvn10tx0K56CgcG9O3OpPdL"
    "l3MAHKprYH+SClp9/DkiGRu8w6mOERrTJA70M7o35Ho9iq+fZck0qSIzRhSDmyDPhqjSLJ"
    "QHuCKlSbXtSTfqJY/0tUn14pw6gTDhUQYqfuLQDZjqDErmCjeU5gbSLU3VubUwCV0cI/YX"
    "HNXKMBOuYg6Te5WI0m25TlTMDsu3TGA5heQuMGVLNef4C39QfkIPW0/eA4LVy4GQf+46qB"
    "lYRNK5CxrGiY8Qba5VWtGQuVnca5BQuDxV2eVJtiz8u9h+/emvU4jwCF+l1mnz7Cr3u2Qz"
    "iBvl74ySHiHWXMuW8C/bnXFa1jSkyGwG6KfxcJCwdoSoovNZVSzwF9DUA45WYeFL4EhXyk"
    "T1L5HlnnQQVco4VWs2yyMYoKxhEpKaFWAIZa991RMyyyeq74Mkwvybbf6leAkLZR4LZXBq"
    "bRFuZ8/VLcPtbojZrGPP+vogHjafY/mV5Q/GDVP3pV4BuAmMyZZQOYbsdohlqSNiT0jWis"
    "HqCzpkRWs6Sku4fMQiQiE43dG+6oqUJZvPW+I0wV3UFR6SlnX7hZwg1LF7qitQJEOw/lQA"
    "TiPaUZ1g2oFvV2DfS/byCm+Omf5eUlj+z3b9mizceHVgq8EAlJUFsNdioJpgJasz8Eoi3k"
    "mhdNdRiqqhTXCykt8MpGmACIQkRh6akOHNVdZNmBFGAc+3YgKLhN/WtkXa1dnGta1c2ir7"
    "cDU+j4aDSb836F4D73Cq37Q7P3cHt9fAOYi+FvtxZBF1rmqsIq8auKXXpaiKGbVqwB+IRj"
    "aXHVVEO5UV7eQyjVzAhokErtkK7wBHuqXKOxD6cWAQ59V4h2eXCHk6vpAnquJMFohdDWi2"
    "KPzktiy0GHlIwHzGwy2Ey70Kl3QImHx2tnDp0laZ1244gRG/eyESv0/1cXvSG38mURTDwT"
    "UIfiPllX/pDr51SXllelANsfMVL8ULXrHTJzpKsfOUw3/Xkg28Rkmui3he1/MI2TF7njtQ"
    "vMgat/9zlPQY3Qh5AiWE3CHkjooxxilyR6c97rRvu3tmix2LdjJj7Ju8s1njpd8200I0Vm"
    "eQ2GiIZcame2eCQFw+YaJIcD25PpPfyOcb+DdSdThrgme4soBskjTHr7IZtwwV3bmwCFVm"
    "YUpj2oVFqEIWoVA1BQlDSt4vjkmfSC/2aIbO1V68OCNEQ0RHHUYujAHCGFB9XAVTvjOmXN"
    "gC6mgLcDL7MaQdP+dfWhLup7wOcFy6fyEz7FFmUFCSzJDg4oGKlBMqVH2leDcakVit3MRq"
    "IpQ0Gf16hZLGGL884XnuRrylIz4Hy1JN+0JG2JlpYg6ugMAOF6e212FNEdNogURJFFvMhR"
    "YyZltHnw1JHwe4CucCKFLTZosYvVAtnTpC5VQBspAlbxv4acs7I9rhhPRXV8xsI3ohaE1o"
    "V3UFyqnRJGmqvm0UqFPBuI97qjtaTu3iYgDLX/L5YDArX5sTXMMSFTuRhS6z0JpTIcHyCH"
    "Iku48XNEM69CoBvy5kCyj42YCqN0lQogGphRmzUR8AiWQ00KtrsiYd4H5I2nhWDvvybpSv"
    "tpqop5ZPZyXqqVVJBVNwPbXNUpoWmct0I7gPpRYVSbagmuxox1SEw4QC5PTsvIqxlnkzpw"
    "eoBLypc1g2jDeJ5fSSPoMDZALgzFqAvIUWfSIBbvbsRS+spHo55q9LKEBOdVkXpULLKxWq"
    "GHCm0jopCTrYREGEQSmKqouilnvw6xJFLfP6HeUparlPryNHe5yoovK1y1keSJLlN83US4"
    "1siRPYNADNgewokCKaI3DyO/733d0dI9PWpp3sQJ90LMqk0hyghJpoB2qiwCvLry0KEB9l"
    "wDIPQy2YEsGUHARTsufwT8fU6PhLMJmSYIMMrsSxmVGKgC9HvjyhdnvKUZhIe4Ez4PQElL"
    "VhQN3S3oAtkJngxESkIc0LCzDnQYjQCupgiV6gCeCf+G7aW2rG0HJvl+3e/UdkvfE206Dj"
    "/L+ETa2SNjWxvRTHkgoWdDcsqIhtLG3eHqL2dr/MPJcCVyS93WG0jsu+ce5tQaJiFokqsB"
    "nFSk48LH5sQOKjMdThBOE/OYWs7Z0L9zoi+UWt4FTMowDeUoB6Qc9wNoa2rwlTggq1aKaL"
    "ULStZAYa53A5dJoDEnGCBRm0tsAjnCPq8WcCC3epYyFlpWJx5po6/NmnVBPLMfO1iUnmBl"
    "qSKzpAehNAvGi+UZfBD2CEXkkFBXvGRDwQd3Lfqf5g92FKsvUAlvIbvglYrQ08HuCE2ats"
    "urcFsv72Kr/lFcqEynmneXrs6cPcapJ39TBV7eJvLz7l2NEvPiXu6ORShPH33h4Gi5oaHx"
    "qm3E186B72lKqHg7ogpeaxd7cO/lEOU9YwCrhOwyyk+B0ZN0S2Fx6uOy3by75NHGsNtpVn"
    "/ELRiGUakc1i0xnN0nl1ol2QGRTZDDvmih28aNUxzKTi/35P+Atw1Bbg5PENkCe99s5MG2"
    "fTBmWDV5jBxVOJ8Lgkmodh6Cj1TkyvjuBr46pehGPHPrnsDRRnQmfGpzMLvlEbMGAMcsGF"
    "CS7sIEZVcGGCC8vLhY2h9YuzsyQwYIEW2byXSYoiBFpn8l295XJNuwAIzxTwaqiWBfVrm8"
    "9p4o8W/Vi3TlsXQKU+rQq0VZQPcD6HiqW+QIl8fwBr3VI1qtPU4Z+WyzK9Mz+AX4LcU4wj"
    "28MzTHWqJR3fdzvAmZrme6IuVXUTGvglAJjzk8FSfTJofoIfwcNKNvDgWLiXB7BAeHxt1S"
    "zwzoOTGVrimfg9GQkyEPSKKfSsVeQA9bWbjz8nsD6BMOXFrP1V4KcrpK8unpsOL3PcOusY"
    "dRm8dBVMobXgpP2dJj7QP42HgwTnmRBVdIBVxQJ/AU095BQ6rMEleITG1X2LTu7av0VfsE"
    "5/eBMdMNLBTTQ7K2LV9JpghiJhb0DMYl4lKgYajT28R93fJulQe69Rfzj44jaP4h/xE1s/"
    "4km52EhHEKUVCoJqL2vecD2+8XAKUboaqt+KMXBv5VxVnFg7VhaQjnhMnHWuNFMLZkEDy3"
    "dLoreQTL99piD764LEI9gUAHevqZC421zjk365nCb+hqe1SoiadtSC+xW8qtYCC5fB5h/A"
    "g6mgFZSe4dsDeIZwZcaE1x3dd6qTSFLnNhgjQBtgkdOv3KXapgz/Pu/+8Y7GoMq6cPappB"
    "DqDTLPchgiqp3odHaRKxv8RUo2+AtGKhH7leDadQI0G6FcsYzMO0i6X/vC0IdUY05UmBAV"
    "JkSFiSIqTCRWbuTgiGJ0GymRq7allGvn9DErwNJ5G+rssHDOa+qMTTLuVD8xjf62ybupvB"
    "IwXx7YSpaEfKm5u23Q+qqeIkPTq00+OZqkr88nTCfjw/RvC5hy8DipimwhQzi47TdzUaLE"
    "kwhtisBzvG44wb3/Fe84C948RT7RMYY086Qn2igN1JGnf7pqfsqNr7c083GuUTKxNCT7P/"
    "AhGyYSuGZLBIluJtziQF0Z06hIEJ5jCfIAc5UoAOResK+aAhxdHiuVXTU8yxOFiVzupQx5"
    "gsvRtA08O67rlXkNVNfz88csv84T2Umj+t5x8ZQBFj6h4fbFKgZU/g2Z4pBvtRTBPlWQhR"
    "J3jaydWWzLCexOljdispUh0xOxDvaGgpOU4XtZRKe3kM0FD9ZRuhoiXXxiCJFXa4dezcLP"
    "cg9+lsL5rvRFRDi1Hqt92JGMuPj4EI3gN7PVQL6AVYgW6AABzqudCE2tLazBxHJYiCnYtV"
    "vWBO/wu6/LK3OBti54reBprODGY6e/+jgslGw2j+LGVHgxwM2r9HJIJTNImyuPv0dL6gMR"
    "R24vAw31z6ZVpuHMUTg1veT5sknLU+MP2aIxzeyy16Xcganaimfkj+m2go3CDil8ifuF2k"
    "sUL6qwUsZCFnd1YI9ma1t1Ndf7NFN167R5dspR4hrO56qiMn3/MmpchyiPEOkLDp8AsnjE"
    "AU6OMXbbi+jiLaKL7a14A9VAiLCGeoED0QO4mFTYUbxqI1u4AUrkGisJ2bBpfyNFVgF+TR"
    "XbdUVCtwrptNISurF9mvYXSHKoGOeNJEleOQrTzub30avYosGpo83lqbcnNzK7Sk7bsmRl"
    "kZQrOt6omaZZM+3mmJkNtc/Upt0vkIUAfFFnEE+eJjAtREqa0MSBJC2C4/QAiNMDWOORN6"
    "haiwguYI40/D2uPyuoT5FdoVoKMHMht84veBRgPkUNFWDFm7ldByOKEgfMUboagl28r4yp"
    "/pcBcjIv7jQXQg5DyJmrGpR4EySEiGo4ZVu5siS0UrIktOJZEjZI/C60W9XXblWmIOa+36"
    "CCF6Y1Fm1lzE/yARuhEshmq1wSC4jyS6lblxCtxrq0TRFRL48+ay4LrVYedCPvcBXl/w5a"
    "Zgj/botmHslfCTQuNCGFELr3KHQ/ohnDvzzZpd9tXwuGetdO/YK7riV3jS8ueNM0hGgEB8"
    "jgrYXMIjjravJ+vJy1/a4LvjoPtqF1sYpcdV/VnxvJLDW9nIuf1tyWmTY0Eo0A9Vkg4Tgp"
    "rnX2wydgwCeSkly1gNOr2aT5yYEM7ERW4ISWzJquT0/lyzNGddWC+2Z6oYft+Xa/IsfCXt"
    "n+g8yNdrZ7XtR10uVJ3CUyDSdP6/pGkgoH0nKFgSdu98YQjUC1ygmcqwZ0MX53TGHAYX+2"
    "B3jkdVRTcEPvb5XqAEcE3WRhICAKZ8sDAUG8VP36H/FZi6eatTYbuOEfYdTN9eOSFPelLI"
    "mIB90pi65oJChOSlODpbhssYhrV3yoBBc5DMQTMhJS7mSXxQnSV9lE0ph0O18HvU67L42H"
    "/W+T3nBwDeLnpvrn9rf+RBp179u90TUIfpvqo+7/feuNunfdATk37hJYrwHr7FQfTr52cQ"
    "f0I6qE2I+D3spQkaFaGw91kL7SQ/1t9AWPxTWwP6f6194XPEzk71QfDEdYvL0G9udU7w9/"
    "vQb4zyZDVHxNJEu1NC6fP4+gygNSJX+/4JPFcE62AkfIaoH2ro3Bytq00BIaeJMm/N9mCq"
    "OEPmqoOjoQVVEug3GIreYc8ijtboZalIbf1PHWXOFfB6UZFsr4B5tBLl7tqg84Hj2CwOZD"
    "Hu9ADHq1B10kId5hYJWtrGLCnC21+dRlgV3AVtkYf7u5600m3dtr4B1O9Xan072nJ92jqd"
    "4bSPej4RcsaI+vQeALkc6xFP8Lae0eTfXOcPC5N7ojJ71D0nJ43x3YLe0j3LI96HT7fdrS"
    "PayGUCgrClxtxjtFSAtYVasZw16LRRW/qRtKRWFKMcpVHmXK7rxsNMwRUjHOVR5n/NPmqr"
    "HcTMsRoRUjXemRJnyXpm020hFaMdJVHmkDohXU8fCtWR4jKX45YbLdueacliXyFO3tJFvk"
    "djFIx0tZ05Jx9ahqlMPtY+vywoOTfElDcnzX7veT4AwGMOa1c8QpN5IaKwbtri0dAZUWbw"
    "UhBqkYAf4RIHslqQnhyuX5F2sGpVivowuMB9ICylxuOjHCGlTKKttFRzZN9UnnzSUboarR"
    "DlnYLBYe7MKD/dBQda3hnNHXUTKBbSq2m64MKT0IxHPUTXPhi0MuQocZiXkjL3WeHMiMCV"
    "oA2EcR+5LycudAXoTBbB8GI7Kn7y97uitP7HZprpgEkjupQ1j42qawJZw94RUHD5Whblvh"
    "sk/76uKu3uoDfWiSPjoViJAxg8aWaA0NJzdgDXHyk9pvWwuUlVS/JqtmxJy7LA6uQBrCOm"
    "LlKvkKwcoJKe2+1AwwrnjdQBAXQpqkGHCmMrgdF96hDicI/8kG2UH3HqnO3K7JYrdVgLM9"
    "1zKjnL0pmTvUWYIeSWYOJDx8+KfIuqmSM+AEkTIfdNn43l+93wNVB3Sz+xFAfA4Y6JVWAY"
    "EmrQBC6uw+wjlm0MCJJS9X0PjOriJiMTIj7eSOzHxJgUhwkxwS7nGrdEk36tOxhGP/0Gp9"
    "/HjZOv14cXX+6fLy/OrUU8rEL6VpZ256X4iCphk0S+SoYeKOV2wMkpVkARKhFWPoIfG6wO"
    "lX71PU0KO+eI/quYGWUppbPRvlCFkd7PKlBzSjDXAOEYkJnStEwEKGhH89ZJT8Tl02gmQ1"
    "hLoEa7xIaV1H105ePy3hnLVFIoAFvrVEhAaexSpMJdaqPGsVXd/53IYCJMJnSCRp35MngE"
    "jSXn6SdvKmC2teHmteYE2sVIb2iWwyU7PT8800xaTltsjUQ7aBgp/zA3jAHBdVDD4A1QQz"
    "qJsQnJx++KB/d/aepklXSep0E9ir3o/gwQnzfwCP6+XKBEgHEJ96A3gf158gQHOqL6Sdx1"
    "SRu7ppnuSRKwP9Gyp05XBWdJv9pM8lckTuNkekh3t+aIMkYutlOvOLpHMi6VwQ7dJCJXYt"
    "aZKEQkTBwlbZJKAeoElT2hwsv8NCn+hgYmlnkPEmrTzLcF7rToRMBE9F19vEvEmJmCZnTC"
    "oRzrKKjxQNp6g+stFye2gK2vVqtuEwhynFMFd6mEWwY1nLJAWLD9YQjZCdGKg6ygE+WMNE"
    "AtdsdXBAB7OltvLe7+nAIM6rrQzPrmw9sK/U2hLaGyQbs47XW03hDa2JIm6mqnEzxfjrE0"
    "V6zZ317Yw/BeA08rIx1QWmsk037sxKsOAEJl66ISeYrqnUSlrC1rFLW8cjmjFq9SSri932"
    "tdDK79wnSWiRjkK9EKy2nle5EKQR0pqQgneGK93cuUANUAhEs/UKrhvMloKZ629zYODmlc"
    "oCkypbnSBUNeWpauydaLeahEPFNrRrV85rzxGWEyQ/X5TOEPz8DMh5HPmWcPkIjXcmOJuu"
    "W6dnH8+BTU/c4mQwI6G7pFdwQo5W0CCXSZyv00p+wnADA640WYEmUFkxxGXdhBk27K7etI"
    "ftAoaFsLqlsLqXDN5VW5sKTOEt5NGsHaAW8qiQnEorKMCbIjVIIjAV0qiQRqvJ2AtptCLS"
    "qM12b4/sEQijwb2lUrJoGxqqsmgw5FDnSjNNBpX9NsLseEibUDNFktugrG+9K/q2zs/zhA"
    "SdnyeHBJFrkdB8/FJxIOw0ryG6Z7kCrs5SAq7O4gFX+I4WMx/0T+PhIMnX1SOJysyqYoG/"
    "gKYecvg4C1wCRrohPWozb4YlYNLBDYun3eVm9vf/A3GIFQo="
)
