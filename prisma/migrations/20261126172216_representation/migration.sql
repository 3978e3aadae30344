-- CreateEnum
CREATE TYPE "representation" AS ENUM ('SELF', 'MINOR_CHILD', 'PROTECTED_ADULT');

-- CreateEnum
CREATE TYPE "representative_capacity" AS ENUM ('PARENT', 'TUTOR', 'CURATOR', 'FAMILY_AUTHORISATION');

-- AlterTable
ALTER TABLE "application" ADD COLUMN     "beneficiary_birthdate" TEXT,
ADD COLUMN     "beneficiary_family_name" TEXT,
ADD COLUMN     "beneficiary_given_name" TEXT,
ADD COLUMN     "declared_household_size" INTEGER,
ADD COLUMN     "declared_reference_tax_income" INTEGER,
ADD COLUMN     "representation" "representation",
ADD COLUMN     "representative_capacity" "representative_capacity",
ADD COLUMN     "separate_resources" BOOLEAN;
