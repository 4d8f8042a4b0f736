from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "actor" VARCHAR(64) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "entity" VARCHAR(64) NOT NULL,
    "entity_id" VARCHAR(64) NOT NULL,
    "before" JSON,
    "after" JSON
) /* Append-only: who did what, when, with the record before and after. */;
CREATE TABLE IF NOT EXISTS "department" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* FRONTLINE: FRONTLINE\nBACKEND: BACKEND */,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "region" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "employee" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "employee_no" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "position" VARCHAR(100) NOT NULL,
    "base_salary" VARCHAR(40) NOT NULL,
    "target_bonus" VARCHAR(40) NOT NULL,
    "hire_date" DATE NOT NULL,
    "leave_date" DATE,
    "roles" VARCHAR(64) NOT NULL,
    "password_hash" VARCHAR(255),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "region_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT
) /* The person plus the assignment in force today (denormalised from `assignments` for reads). */;
CREATE TABLE IF NOT EXISTS "api_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "scopes" VARCHAR(255) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "created_by_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "employee_assignment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "effective_from" DATE NOT NULL,
    "position" VARCHAR(100) NOT NULL,
    "base_salary" VARCHAR(40) NOT NULL,
    "target_bonus" VARCHAR(40) NOT NULL,
    "reason" VARCHAR(16) NOT NULL /* HIRE: HIRE\nTRANSFER: TRANSFER */,
    "recorded_at" TIMESTAMP NOT NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE RESTRICT,
    "employee_id" INT NOT NULL REFERENCES "employee" ("id") ON DELETE CASCADE,
    "region_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_employee_as_employe_0c110d" UNIQUE ("employee_id", "effective_from")
) /* Append-only history: department\/region\/position\/pay from `effective_from` on. */;
CREATE TABLE IF NOT EXISTS "region_target" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "revenue_target" VARCHAR(40) NOT NULL,
    "region_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_region_targ_region__eb4c99" UNIQUE ("region_id", "period")
) /* Revenue target of a region for one period (YYYY-MM). */;
CREATE TABLE IF NOT EXISTS "support_link" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "weight" VARCHAR(40) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "department_id" INT NOT NULL REFERENCES "department" ("id") ON DELETE CASCADE,
    "region_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_support_lin_departm_da01bc" UNIQUE ("department_id", "region_id")
) /* Backend department ↔ region it supports, with a weight (SPEC §1). */;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztndly2joYgF9F46t0hqYJISHNHSHklNOGdIA5S5dxhS3AEyO5tkjK9OTdj+R9B4fVjn"
    "qRgqRflj9t/yIlv6UZUZFuHbcMbUgeEJauwG8JwxliHxJ5NSBBwwhyeAKFI90uDA1Npn6x"
    "kUVNqFCWMYa6hViSiizF1AyqEf4QPNd1nkgUVlDDkyBpjrWfc8SqmiA6RSbL+PqdJWtYRb"
    "+Q5X01HuSxhnQ10l5N5c+202W6MOy0Lqa3dkH+tJGsEH0+w0FhY0GnBPulNUx56gRhZEKK"
    "ePXUnPPm89a5r+q9kdPSoIjTxJCMisZwrtPQ647kIE2S5d79UB50hrIsFQCkEMzhsqZa9t"
    "tPeBPe1k8bzcbl2UXjkhWxm+mnNJ+dRwdgHEEbT28oPdv5kEKnhM04gGr/n8DankIznatX"
    "PkaWNTlO1uOYh9ZLCNgG42kXcGfwl6wjPKFT9vX05CQH5V+tfvtDq3/ESr3hjyRsAjhTo+"
    "dm1Z08zjvgaymE11KAcCBRQcb18/MVGLNSmYztvChje12Sp9CaFuEcldoM6/0uFRHSF40V"
    "QF80MjnzrChmxUQchQxpEvMNy6HaDKWjjkrGUKuu6LH3oYyDnL2geo/1hdvlOeiH3bvOYN"
    "i6+8wfN7Osn7rNrzXs8Jy6nbqIpR5dxLrJrwT83R1+APwr+HLf69h4iUUnpv3EoNzwi8Tb"
    "BOeUyJg8yVANjU4v1aMW6XUTPbKJ8pJej0puoNfd5h5Kp5ekkz0mub3szdDRQi6kZiXklm"
    "tcZZjOG1C6uBo7fkjVuQJoSdK3xETaBH9ECxt4l7ULYiVN5XLV987M0MkClXHVfPZGk5ca"
    "zHETPvkWQHKQMQrs3RG1OfTZ4O9324w5Rz6CysMTNFU5wp7nkDqJpfhlk1mz+iyeAjGc2I"
    "z4y/Cme/bTXNVoB1NzIaVZV0FuLde+4uVk5BdcZmFJLcNAWH1L2KZzBZ6mBKiayv6HtMZ+"
    "Isx+anQKmI0FTKQQUwUjNGZjC0CsAjimyDyWYp20oSo3bOFda5PXYuS9r9fPzpr1k7OLy/"
    "NGs3l+eeIvPMmsvBXouvsHX4Qiu8lyU7D4Di/0ucPa6lfR59iiQswidpIvUEFzdPNGEqPF"
    "W1SMryshAK8AmG2RGk1RnLIBBxIC8MqAU82AZYzTbQCBOQ2zozslGf85uO+lMw4k4juupl"
    "DwH9A1axVjqzxWNEcR2VU9nkd3rX/iqNuf7q/j2yWv4Dq+QHNFtQh2X0BQL0Y9YQHvxz67"
    "QQY06QzZ5mXCPgvl1vLsMzVaTgTAdrYObzkAprC+LrLTeeUrFzA4q6+wxZ3VM7c4nhVdak"
    "VscbuxxQf2aul8O3g+S/gPI6w92UNmLd3273vDT91e5wr4H7/h61b7Y6d3cwXcD3E/1kr9"
    "cbFKd8TN9FBvXIjo2Gv1phTQa0JWleumTzkKcO2K3n7sIx1mOAOq6+2PaueWpU0wV7M2BK"
    "rlV1hVZNbcMIhJZV3DD2tCGzhVfWI1VYnWNq0Lf0Km2BbhyZptWaBwqaVhn+EUAQOZFsHA"
    "0OeWHY0JJg3QMBgTU0GAEhUuwJGKMDFnkBmpSAVjk8zAj9AU+8ELA746W2+S4aDtPkrYQY"
    "dlB3nDkG11hRx/UTFhFQmraM9WEdPwtKIxmLCM4Lwa5xG0kGxBHZop0ZgbpGhsL8hwZEcl"
    "4xaPI3rsVlFC+Dmsbzrt7l3r09FpveasGcyW0ZxzLF43NBKkKTTZJimPCJ6nKHi5qOOigv"
    "US1lPNRDK3tdOt+HTKEaE8A75igJkBHsOnI/hYnF9Uak2A5Ym0pPAziV7stoAvsLttSxoM"
    "W7e30k52rs3HXQ1mlDwRZvYVvS+QEHwR8QMbnTu4nSEco9n0q+UYDff63FBf2OtRSdHrh9"
    "LrKfcIEr7IIEpe7BpBQk5cI/BdNuGrOBPWgmJkIzIvonpoO9Z272ZEz3mseTcjerikZKN3"
    "1dsZibmbcTsjOZI3QLjvV1SuUbwq3Mj0LXztJRRX867vrxkhCv+ygIqMZxF/LI5sFxG1EL"
    "mc2FqU7/IomwyjAkXuWYGpZlFiLq5AsOa9c2boO8+D/M6ACzf6hcZjpFDtEcn8+w9AcO6V"
    "q83UnhJW+xoJMUblpO8i6LbPoFu0MxKAs11mSclX7XcUQR8R9Dnc8SqCPofN2kTQylo7lh"
    "+lDaQPeRWRPnT7nSvAf37Dw36rN7jt9K+A9ymumeznEK1zr/yFv20kIir8hofiN1zFWyz8"
    "htv0G/q2TyG2MSlBVnhk9+KRDRuva3oLK3h6vhZzGMZmbcRl2G4N2q2bjpSx9AqHt3B47x"
    "3ueg7vbfolXfIpvsigT7L9j8EAEHeHS7Uz1XLcd+LusDglX1JHnjiVlU2/WnZ2Sa6rlkRf"
    "OaBocRmJOa7pNWk5+tbQrqqE64u41bsRWtvX9d0RlqnxByNwmd4v06Do0hMHffSI8BwBRw"
    "aQMYDAqca+Q0uwfS1XIyo4+pf9e3t3l3J596WVpJ4fCIwXR0acGtir2eF2QgHtOJCooH6c"
    "B9PTjpuZunEzGYOyZ05oyhYIvSaFX2Xw9aJQ8HUfPvRDo7plJ/ru/Y+HBnh9B6TvPt+P/z"
    "GsxqWoJDEtL1sjCWuWqykkXNlEWA2dSwTf5vXT9w1Po9AocGu13F8SD8ETG1dTCo4Gnztt"
    "VvzkBDZPU/SUDdedqr5EQxzuVBAqzD5VGKcHC26ugdB+NtXT/e2ol7XGyhuqcO1lD+tquf"
    "bEEZpqH/SoIlVx925nRxFSz3sIS6D0lkALmZoylVKMADcnV/+HQRlxEqFMK2eePv2ITKvg"
    "9ZeQSAWdglv5VSZ8UhUg7BavIN3tHEkgmKbu/dl/myMkstZf5zg02jlwq/HnOZ7/B8/zzr"
    "o="
)
