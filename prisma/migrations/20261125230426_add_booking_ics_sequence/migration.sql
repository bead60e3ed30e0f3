-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "icsSequence" INTEGER NOT NULL DEFAULT 0;

