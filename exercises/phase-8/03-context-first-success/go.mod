module kata

go 1.19
