-- CreateTable
CREATE TABLE "statistics_day" (
    "court_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "deposits" INTEGER NOT NULL DEFAULT 0,
    "full" INTEGER NOT NULL DEFAULT 0,
    "partial_55" INTEGER NOT NULL DEFAULT 0,
    "partial_25" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "lapsed" INTEGER NOT NULL DEFAULT 0,
    "withdrawn" INTEGER NOT NULL DEFAULT 0,
    "compared" INTEGER NOT NULL DEFAULT 0,
    "differing" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "statistics_day_pkey" PRIMARY KEY ("court_id","day")
);

-- CreateTable
CREATE TABLE "statistics_delay" (
    "court_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "hours" INTEGER NOT NULL,
    "decisions" INTEGER NOT NULL,

    CONSTRAINT "statistics_delay_pkey" PRIMARY KEY ("court_id","day","hours")
);

-- CreateTable
CREATE TABLE "statistics_summary" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "until" DATE NOT NULL,

    CONSTRAINT "statistics_summary_pkey" PRIMARY KEY ("id")
);
