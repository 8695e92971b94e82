module vanban

go 1.26.8
